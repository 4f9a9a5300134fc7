/**
 * Workshops and their people: create, look up, join, resume, open as facilitator, rename. The rules
 * live here; the socket layer only validates payloads and routes replies.
 */
import QRCode from 'qrcode';
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

export class Workshops implements WorkshopDirectory {
	#storage: Storage;
	#rooms: DocRooms;
	#presence: Presence;
	#publicOrigin: string | null;
	#now: () => number;

	constructor(
		storage: Storage,
		rooms: DocRooms,
		presence: Presence,
		publicOrigin: string | null,
		now: () => number
	) {
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

	async lookup(code: string): Promise<WorkshopPublic | null> {
		const w = await this.#storage.workshopByCode(code);
		return w ? toPublic(w) : null;
	}

	async byFacilitatorKey(key: string): Promise<WorkshopRecord | null> {
		return this.#storage.workshopByFacilitatorKeyHash(hashKey(key));
	}

	async join(
		code: string,
		name: unknown,
		role: unknown
	): Promise<Result<{ workshop: WorkshopRecord; participant: ParticipantRecord; key: string }>> {
		const workshop = await this.#storage.workshopByCode(code);
		if (!workshop) return fail('not-found', 'No workshop has this join code.', 'code');
		const checkedName = checkField(name, MAX_NAME, 'name');
		if (!checkedName.ok) return checkedName;
		if (typeof role !== 'string' || !workshop.roles.includes(role)) {
			return fail('bad-input', 'Please choose one of the roles listed.', 'role');
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
		await this.#storage.addParticipant(participant);
		return ok({ workshop, participant, key });
	}

	async resume(
		code: string,
		participantId: string,
		key: string
	): Promise<Result<{ workshop: WorkshopRecord; participant: ParticipantRecord }>> {
		const workshop = await this.#storage.workshopByCode(code);
		if (!workshop) return fail('not-found', 'No workshop has this join code.', 'code');
		const participant = await this.#storage.participant(workshop.id, participantId);
		// Same answer for an unknown id and a wrong key: nothing to learn by guessing.
		if (!participant || !sameHash(participant.keyHash, hashKey(key))) {
			return fail('link-not-valid', 'This device is not known to the workshop. Please join again.');
		}
		return ok({ workshop, participant });
	}

	/** Speaking queue: "Add someone without a device", stored like any participant. */
	async addProxy(
		workshop: WorkshopRecord,
		name: unknown,
		role: unknown
	): Promise<Result<ParticipantRecord>> {
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
		await this.#storage.addParticipant(person);
		return ok(person);
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
		const people = await this.#storage.participants(workshopId);
		return people.map((p) => ({
			id: p.id,
			name: p.name,
			role: p.role,
			here: p.keyHash === PROXY_KEY_HASH || this.#presence.isHere(workshopId, p.id),
			...(p.keyHash === PROXY_KEY_HASH ? { proxy: true } : {})
		}));
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
