/**
 * Workshops and their people: create, look up, join, resume, open as facilitator, rename. The rules
 * live here; the socket layer only validates payloads and routes replies.
 */
import QRCode from 'qrcode';
import type { ErrorCode } from '../src/lib/features/index.ts';
import { fail, ok, type Result } from '../src/lib/shared/result.ts';
import { checkLine, MAX_NAME, MAX_TITLE, TEXT_MESSAGES } from '../src/lib/shared/text.ts';
import {
	DEFAULT_ROLES,
	docName,
	type Language,
	type ParticipantView,
	type WorkshopDirectory,
	type WorkshopPublic
} from '../src/lib/shared/workshop.ts';
import type { CodeGuesses, Guess } from './code-guesses.ts';
import type { Presence } from './presence.ts';
import { hashKey, randomId, randomJoinCode, randomKey, sameHash } from './secrets.ts';
import {
	CodeTakenError,
	type ParticipantRecord,
	type Storage,
	type WorkshopRecord
} from './storage/types.ts';
import type { DocRooms } from './yjs/rooms.ts';

function checkField(input: unknown, max: number, field: string): Result<string> {
	const checked = checkLine(input, max);
	return checked.ok ? ok(checked.value) : fail(checked.code, TEXT_MESSAGES[checked.code], field);
}

/**
 * Marks a person added by a facilitator for someone without a device (speaking queue). No key
 * hashes to it, so nobody can resume as them; they count as here, being in the room.
 */
export const PROXY_KEY_HASH = 'proxy';

export function toPublic(w: WorkshopRecord): WorkshopPublic {
	return { code: w.code, title: w.title, language: w.language, roles: w.roles };
}

/** What joining a workshop depends on, beyond its row: kept as the workshop feature's records. */
interface PeopleState {
	locked: boolean;
	removed: Set<string>;
	/** Everyone stored for the workshop (removed people and people without a device included). */
	count: number;
}

/** The records the people of a workshop keep: `joining` (locked or open) and `removed:<id>`. */
export const PEOPLE_FEATURE = 'workshop';
const JOINING_KEY = 'joining';
const REMOVED_PREFIX = 'removed:';

export class Workshops {
	#storage: Storage;
	#people = new Map<string, Promise<PeopleState>>();
	#maxPeople: number;
	#rooms: DocRooms;
	#presence: Presence;
	#publicOrigin: string | null;
	#now: () => number;

	constructor(
		storage: Storage,
		rooms: DocRooms,
		presence: Presence,
		publicOrigin: string | null,
		now: () => number,
		maxPeople = 500
	) {
		this.#maxPeople = maxPeople;
		this.#storage = storage;
		this.#rooms = rooms;
		this.#presence = presence;
		this.#publicOrigin = publicOrigin;
		this.#now = now;
	}

	async create(
		title: unknown,
		language: Language
	): Promise<Result<{ workshop: WorkshopRecord; facilitatorKey: string }>> {
		const checked = checkField(title, MAX_TITLE, 'title');
		if (!checked.ok) return checked;
		const facilitatorKey = randomKey();
		// A clash of 6-letter codes is rare but possible; try a few fresh ones before giving up.
		for (let attempt = 0; attempt < 10; attempt++) {
			const workshop: WorkshopRecord = {
				id: randomId(),
				code: randomJoinCode(),
				title: checked.data,
				language,
				roles: [...DEFAULT_ROLES],
				facilitatorKeyHash: hashKey(facilitatorKey),
				createdAt: this.#now()
			};
			try {
				await this.#storage.createWorkshop(workshop);
			} catch (e) {
				if (e instanceof CodeTakenError) continue;
				throw e;
			}
			await this.#writeMeta(workshop);
			return ok({ workshop, facilitatorKey });
		}
		return fail('server-error', 'Could not find a free join code. Please try again.');
	}

	/**
	 * The workshop a join code names, through the guard against guessing codes: every lookup by
	 * code (pages, joining, resuming, the room screen) comes here with the address it came from.
	 */
	async byCode(guard: CodeGuesses, address: string, code: string): Promise<Guess<WorkshopRecord>> {
		return guard.lookup(address, () => this.#storage.workshopByCode(code));
	}

	/** The pages' view of `byCode`, for one request's address. */
	directoryFor(guard: CodeGuesses, address: string): WorkshopDirectory {
		return {
			lookup: async (code) => {
				const found = await this.byCode(guard, address, code);
				return found.refused
					? found
					: { refused: false, workshop: found.found && toPublic(found.found) };
			}
		};
	}

	async byFacilitatorKey(key: string): Promise<WorkshopRecord | null> {
		return this.#storage.workshopByFacilitatorKeyHash(hashKey(key));
	}

	/**
	 * A new person in a workshop whose code was already looked up (through the guard against
	 * guessing). Refused while joining is locked or the workshop is full.
	 */
	async join(
		workshop: WorkshopRecord,
		name: unknown,
		role: unknown
	): Promise<
		Result<{ workshop: WorkshopRecord; participant: ParticipantRecord; key: string }, ErrorCode>
	> {
		const checkedName = checkField(name, MAX_NAME, 'name');
		if (!checkedName.ok) return checkedName;
		if (typeof role !== 'string' || !workshop.roles.includes(role)) {
			return fail('bad-input', 'Please choose one of the roles listed.', 'role');
		}
		const people = await this.#peopleOf(workshop.id);
		if (people.locked) {
			return fail(
				'joining-locked',
				'The facilitator has locked joining. Please ask them to let you in.'
			);
		}
		const key = randomKey();
		const participant: ParticipantRecord = {
			id: randomId(),
			workshopId: workshop.id,
			name: checkedName.data,
			role,
			keyHash: hashKey(key),
			joinedAt: this.#now()
		};
		const added = await this.#addCounted(people, participant);
		return added.ok ? ok({ workshop, participant, key }) : added;
	}

	async resume(
		workshop: WorkshopRecord,
		participantId: string,
		key: string
	): Promise<Result<{ workshop: WorkshopRecord; participant: ParticipantRecord }, ErrorCode>> {
		const participant = await this.#storage.participant(workshop.id, participantId);
		// Same answer for an unknown id and a wrong key: nothing to learn by guessing.
		if (!participant || !sameHash(participant.keyHash, hashKey(key))) {
			return fail('link-not-valid', 'This device is not known to the workshop. Please join again.');
		}
		if ((await this.#peopleOf(workshop.id)).removed.has(participant.id)) {
			return fail('removed', 'A facilitator removed you from this workshop.');
		}
		return ok({ workshop, participant });
	}

	/** "Lock joining" on or off; durable before it answers. */
	async setJoiningLocked(workshopId: string, locked: boolean) {
		const people = await this.#peopleOf(workshopId);
		await this.#storage.write([
			{
				kind: 'put',
				workshopId,
				feature: PEOPLE_FEATURE,
				key: JOINING_KEY,
				value: locked ? 'locked' : 'open'
			}
		]);
		people.locked = locked;
	}

	async joiningLocked(workshopId: string): Promise<boolean> {
		return (await this.#peopleOf(workshopId)).locked;
	}

	/** "Remove person": they are left out of every list and can no longer resume. */
	async removePerson(workshopId: string, personId: string): Promise<ParticipantRecord | null> {
		const people = await this.#peopleOf(workshopId);
		const person = await this.#storage.participant(workshopId, personId);
		if (!person || people.removed.has(personId)) return null;
		await this.#storage.write([
			{
				kind: 'put',
				workshopId,
				feature: PEOPLE_FEATURE,
				key: REMOVED_PREFIX + personId,
				value: '1'
			}
		]);
		people.removed.add(personId);
		return person;
	}

	/** Drops what is held in memory about a workshop's people (storage keeps it). */
	forget(workshopId: string) {
		this.#people.delete(workshopId);
	}

	holds(workshopId: string) {
		return this.#people.has(workshopId);
	}

	#peopleOf(workshopId: string): Promise<PeopleState> {
		let pending = this.#people.get(workshopId);
		if (!pending) {
			pending = (async () => {
				const [records, participants] = await Promise.all([
					this.#storage.records(workshopId, PEOPLE_FEATURE),
					this.#storage.participants(workshopId)
				]);
				return {
					locked: records.some((r) => r.key === JOINING_KEY && r.value === 'locked'),
					removed: new Set(
						records
							.filter((r) => r.key.startsWith(REMOVED_PREFIX))
							.map((r) => r.key.slice(REMOVED_PREFIX.length))
					),
					count: participants.length
				};
			})();
			this.#people.set(workshopId, pending);
			// A failed load is not kept: the next person tries again.
			pending.catch(() => this.#people.delete(workshopId));
		}
		return pending;
	}

	/** Adds a person unless the workshop is full; the place is taken before the write, so two at once cannot both take the last one. */
	async #addCounted(
		people: PeopleState,
		person: ParticipantRecord
	): Promise<Result<null, ErrorCode>> {
		if (people.count >= this.#maxPeople) {
			return fail('workshop-full', 'This workshop is full. Please ask the facilitator.');
		}
		people.count++;
		try {
			await this.#storage.addParticipant(person);
		} catch (e) {
			people.count--;
			throw e;
		}
		return ok(null);
	}

	/** Speaking queue: "Add someone without a device", stored like any participant. */
	async addProxy(
		workshop: WorkshopRecord,
		name: unknown,
		role: unknown
	): Promise<Result<ParticipantRecord, ErrorCode>> {
		const checkedName = checkField(name, MAX_NAME, 'name');
		if (!checkedName.ok) return checkedName;
		if (typeof role !== 'string' || !workshop.roles.includes(role)) {
			return fail('bad-input', 'Please choose one of the roles listed.', 'role');
		}
		const person: ParticipantRecord = {
			id: randomId(),
			workshopId: workshop.id,
			name: checkedName.data,
			role,
			keyHash: PROXY_KEY_HASH,
			joinedAt: this.#now()
		};
		const added = await this.#addCounted(await this.#peopleOf(workshop.id), person);
		return added.ok ? ok(person) : added;
	}

	async rename(workshop: WorkshopRecord, title: unknown): Promise<Result<WorkshopRecord>> {
		const checked = checkField(title, MAX_TITLE, 'title');
		if (!checked.ok) return checked;
		await this.#storage.updateWorkshopTitle(workshop.id, checked.data);
		const renamed = { ...workshop, title: checked.data };
		await this.#writeMeta(renamed);
		return ok(renamed);
	}

	async workshopById(id: string) {
		return this.#storage.workshopById(id);
	}

	async participantsView(workshopId: string): Promise<ParticipantView[]> {
		const [people, state] = await Promise.all([
			this.#storage.participants(workshopId),
			this.#peopleOf(workshopId)
		]);
		return people.filter((p) => !state.removed.has(p.id)).map((p) => this.#view(workshopId, p));
	}

	/** One person as the facilitators' list shows them, or null when unknown or removed. */
	async participantView(workshopId: string, personId: string): Promise<ParticipantView | null> {
		const [person, state] = await Promise.all([
			this.#storage.participant(workshopId, personId),
			this.#peopleOf(workshopId)
		]);
		return person && !state.removed.has(person.id) ? this.#view(workshopId, person) : null;
	}

	#view(workshopId: string, p: ParticipantRecord): ParticipantView {
		return {
			id: p.id,
			name: p.name,
			role: p.role,
			here: p.keyHash === PROXY_KEY_HASH || this.#presence.isHere(workshopId, p.id),
			...(p.keyHash === PROXY_KEY_HASH ? { proxy: true } : {})
		};
	}

	joinPath(code: string) {
		return `/j/${code}`;
	}

	/** The operator's PUBLIC_ORIGIN wins; otherwise the origin the facilitator's browser used. */
	joinUrl(code: string, requestOrigin: string | null): string | null {
		const origin = this.#publicOrigin ?? requestOrigin;
		return origin ? origin + this.joinPath(code) : null;
	}

	async qrSvg(url: string): Promise<string> {
		return QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
	}

	/** The meta document carries what every person sees about the workshop itself. */
	async #writeMeta(w: WorkshopRecord) {
		await this.#rooms.change(docName(w.id, 'meta'), (doc) => {
			const meta = doc.getMap('meta');
			if (meta.get('title') !== w.title) meta.set('title', w.title);
			if (meta.get('language') !== w.language) meta.set('language', w.language);
		});
	}
}
