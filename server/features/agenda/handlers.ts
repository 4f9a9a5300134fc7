/**
 * Agenda commands: the protected actions (start, finish, add time, reorder, open editing) for
 * facilitators, suggestions from participants, and read-only tickets for room screens.
 */
import * as v from 'valibot';
import type * as Y from 'yjs';
import {
	addItem,
	checkItemTitle,
	checkParagraphs,
	extendItem,
	finishItem,
	itemsOf,
	MAX_ITEM_NOTES,
	MAX_OUTCOME,
	moveItem,
	readAgenda,
	setOpenEditing,
	startItem
} from '../../src/lib/shared/agenda.ts';
import * as schemas from '../../src/lib/shared/agenda-events.ts';
import type { AgendaSuggestion } from '../../src/lib/shared/agenda-events.ts';
import { isJoinCode, normaliseJoinCode } from '../../src/lib/shared/join-code.ts';
import { fail, ok, type Result } from '../../src/lib/shared/result.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import { randomId } from '../secrets.ts';
import type { Services } from '../services.ts';
import { toPublic } from '../workshops.ts';
import { command, sessionFor, type RoundtableSocket } from './command.ts';
import { facilitatorsRoom, type ConnectionDeps } from './rooms.ts';

/** Suggestions waiting per workshop: kept in memory, and never with the name of who made them. */
const MAX_WAITING = 50;
const suggestionBoxes = new WeakMap<Services, Map<string, AgendaSuggestion[]>>();

function box(services: Services, workshopId: string): AgendaSuggestion[] {
	let boxes = suggestionBoxes.get(services);
	if (!boxes) suggestionBoxes.set(services, (boxes = new Map()));
	let list = boxes.get(workshopId);
	if (!list) boxes.set(workshopId, (list = []));
	return list;
}

const TEXT_MESSAGES = {
	empty: 'Please fill this in.',
	'too-long': 'That is too long.',
	'control-characters': 'That has characters we cannot use.',
	'bad-input': 'That is not text.'
} as const;

function textError<T>(code: keyof typeof TEXT_MESSAGES, field: string): Result<T> {
	return fail(code, TEXT_MESSAGES[code], field);
}

export function registerAgenda(socket: RoundtableSocket, deps: ConnectionDeps) {
	const { io, services } = deps;
	const { rooms, log } = services;

	/** Runs a facilitator's edit on the workshop's agenda; false from `edit` means "not found". */
	const facilitatorEdit = async (
		edit: (doc: Y.Doc, now: number) => boolean
	): Promise<Result<null>> => {
		const session = sessionFor(socket, 'facilitator');
		if (!session.ok) return session;
		let changed = false;
		await rooms.change(docName(session.data.workshopId, 'agenda'), (doc) => {
			changed = edit(doc, Date.now());
		});
		return changed ? ok(null) : fail('not-found', 'That agenda item is not there any more.');
	};

	command(socket, log, 'agenda:add', schemas.AgendaAdd, async (input) => {
		const session = sessionFor(socket, 'facilitator');
		if (!session.ok) return session;
		const title = checkItemTitle(input.title);
		if (!title.ok) return textError(title.code, 'title');
		const notes = checkParagraphs(input.notes, MAX_ITEM_NOTES);
		if (!notes.ok) return textError(notes.code, 'notes');
		const itemId = randomId();
		let added = false;
		await rooms.change(docName(session.data.workshopId, 'agenda'), (doc) => {
			added = addItem(doc, {
				id: itemId,
				title: title.value,
				notes: notes.value,
				timeboxMinutes: input.timeboxMinutes
			});
		});
		return added ? ok({ itemId }) : fail('bad-input', 'The agenda is full.');
	});

	command(socket, log, 'agenda:move', schemas.AgendaMove, ({ itemId, direction }) =>
		facilitatorEdit((doc) => itemsOf(doc).has(itemId) && (moveItem(doc, itemId, direction) || true))
	);

	command(socket, log, 'agenda:start', schemas.AgendaItemRef, ({ itemId }) =>
		facilitatorEdit((doc, now) => startItem(doc, itemId, now))
	);

	command(socket, log, 'agenda:finish', schemas.AgendaFinish, async ({ itemId, outcome }) => {
		const checked = checkParagraphs(outcome, MAX_OUTCOME);
		if (!checked.ok) {
			// Authority first: a participant learns nothing about the text rules of facilitator actions.
			const session = sessionFor(socket, 'facilitator');
			return session.ok ? textError(checked.code, 'outcome') : session;
		}
		return facilitatorEdit((doc) => finishItem(doc, itemId, checked.value));
	});

	command(socket, log, 'agenda:extend', schemas.AgendaItemRef, ({ itemId }) =>
		facilitatorEdit((doc) => extendItem(doc, itemId))
	);

	command(socket, log, 'agenda:open-editing', schemas.AgendaOpenEditing, async ({ open }) => {
		const session = sessionFor(socket, 'facilitator');
		if (!session.ok) return session;
		const name = docName(session.data.workshopId, 'agenda');
		await rooms.change(name, (doc) => setOpenEditing(doc, open));
		// Takes effect on open connections at once: turning it off ends participants' writes now.
		await rooms.refreshAccess(name);
		log.info('agenda.open-editing', { workshop: session.data.workshopId, open });
		return ok(null);
	});

	const publishSuggestions = (workshopId: string) =>
		io.to(facilitatorsRoom(workshopId)).emit('agenda:suggestions', box(services, workshopId));

	command(socket, log, 'agenda:suggest', schemas.AgendaSuggest, async (input) => {
		const session = sessionFor(socket, 'participant');
		if (!session.ok) return session;
		const title = checkItemTitle(input.title);
		if (!title.ok) return textError(title.code, 'title');
		const notes = checkParagraphs(input.notes, MAX_ITEM_NOTES);
		if (!notes.ok) return textError(notes.code, 'notes');
		const list = box(services, session.data.workshopId);
		if (list.length >= MAX_WAITING)
			return fail('too-fast', 'There are many suggestions waiting. Please try again later.');
		list.push({ id: randomId(), title: title.value, notes: notes.value });
		publishSuggestions(session.data.workshopId);
		return ok(null);
	});

	command(socket, log, 'agenda:suggestions', v.strictObject({}), async () => {
		const session = sessionFor(socket, 'facilitator');
		if (!session.ok) return session;
		return ok(box(services, session.data.workshopId));
	});

	command(socket, log, 'agenda:decide', schemas.AgendaDecide, async ({ suggestionId, accept }) => {
		const session = sessionFor(socket, 'facilitator');
		if (!session.ok) return session;
		const list = box(services, session.data.workshopId);
		const at = list.findIndex((s) => s.id === suggestionId);
		if (at < 0) return fail('not-found', 'That suggestion is not there any more.');
		const [suggestion] = list.splice(at, 1);
		if (accept) {
			await rooms.change(docName(session.data.workshopId, 'agenda'), (doc) => {
				const view = readAgenda(doc);
				// New items get a default timebox the facilitator can change; 10 minutes is a common slot.
				if (!view.items.some((i) => i.id === suggestion.id))
					addItem(doc, { ...suggestion, timeboxMinutes: 10 });
			});
		}
		publishSuggestions(session.data.workshopId);
		return ok(null);
	});

	command(socket, log, 'room:open', schemas.RoomOpen, async ({ code }) => {
		const normalised = normaliseJoinCode(code);
		const workshop = isJoinCode(normalised)
			? await services.storage.workshopByCode(normalised)
			: null;
		if (!workshop) return fail('not-found', 'No workshop has this join code.', 'code');
		const joinUrl = services.workshops.joinUrl(
			workshop.code,
			socket.handshake.headers.origin ?? null
		);
		return ok({
			workshop: toPublic(workshop),
			workshopId: workshop.id,
			// Read-only everywhere, and open editing never widens it.
			yjsTicket: services.tickets.issue(workshop.id, [], 'room'),
			joinPath: services.workshops.joinPath(workshop.code),
			joinUrl,
			qrSvg: joinUrl ? await services.workshops.qrSvg(joinUrl) : null
		});
	});
}
