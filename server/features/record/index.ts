/**
 * The record on the server: who was here and when (for paying lived-experience participants for
 * their time), and the facilitator's download, built from every feature's state by the pure
 * builders in src/lib/features/record. Attendance is kept per person as join and leave times; it
 * is the only personal data the record adds, and it links to no idea, vote or answer.
 */
import { readAgenda } from '../../../src/lib/features/agenda/model.ts';
import { summariseFeedback } from '../../../src/lib/features/closeout/model.ts';
import { readBoard } from '../../../src/lib/features/ideas/model.ts';
import { record, type RecordFiles } from '../../../src/lib/features/record/feature.ts';
import { recordCsv } from '../../../src/lib/features/record/csv.ts';
import { recordHtml } from '../../../src/lib/features/record/html.ts';
import { buildRecord, type AttendanceSpan } from '../../../src/lib/features/record/model.ts';
import { ok } from '../../../src/lib/shared/result.ts';
import { docName } from '../../../src/lib/shared/workshop.ts';
import type { CoreServices } from '../../core.ts';
import { PerWorkshop } from '../../serial.ts';
import { PROXY_KEY_HASH } from '../../workshops.ts';
import { actionsServer } from '../actions/index.ts';
import { closeoutServer } from '../closeout/index.ts';
import { decisionsServer } from '../decisions/index.ts';
import { queueServer } from '../queue/index.ts';
import { defineServerFeature, type FeatureService, type UseService } from '../types.ts';

const FEATURE = 'record';
const ATTENDANCE_KEY = 'attendance';

export class Attendance implements FeatureService {
	#core: CoreServices;
	#spans = new Map<string, AttendanceSpan[]>();
	#lanes = new PerWorkshop();
	/** Workshops with a recount waiting to run: one waiting recount covers every change before it. */
	#waiting = new Set<string>();

	constructor(core: CoreServices) {
		this.#core = core;
		core.presence.onChange((workshopId) => void this.#noticed(workshopId));
	}

	async spans(workshopId: string): Promise<AttendanceSpan[]> {
		let spans = this.#spans.get(workshopId);
		if (!spans) {
			const [row] = await this.#core.storage.records(workshopId, FEATURE, ATTENDANCE_KEY);
			spans = row ? (JSON.parse(row.value) as AttendanceSpan[]) : [];
			this.#spans.set(workshopId, spans);
		}
		return spans;
	}

	/** Opens a span for each person who arrived and closes it for each who left. */
	#noticed(workshopId: string) {
		if (this.#waiting.has(workshopId)) return;
		this.#waiting.add(workshopId);
		return this.#lanes
			.run(workshopId, async () => {
				this.#waiting.delete(workshopId);
				const spans = await this.spans(workshopId);
				const now = this.#core.now();
				const people = await this.#core.storage.participants(workshopId);
				let next = spans;
				const openSpans = new Map(
					spans.filter((s) => s.leftAt === null).map((s) => [s.personId, s])
				);
				for (const p of people) {
					if (p.keyHash === PROXY_KEY_HASH) continue;
					const here = this.#core.presence.isHere(workshopId, p.id);
					const open = openSpans.get(p.id);
					if (here && !open) next = [...next, { personId: p.id, joinedAt: now, leftAt: null }];
					if (!here && open) next = next.map((s) => (s === open ? { ...s, leftAt: now } : s));
				}
				if (next === spans) return;
				await this.#core.storage.write([
					{
						kind: 'put',
						workshopId,
						feature: FEATURE,
						key: ATTENDANCE_KEY,
						value: JSON.stringify(next)
					}
				]);
				this.#spans.set(workshopId, next);
			})
			.catch((error: unknown) =>
				// Attendance is best effort: a failed write must not take the presence change down with it.
				this.#core.log.error('record.attendance-failed', {
					workshop: workshopId,
					error: String(error)
				})
			);
	}

	/** Everyone here with a device, plus people without one (always here, from when they were added). */
	async withProxies(workshopId: string): Promise<AttendanceSpan[]> {
		const people = await this.#core.storage.participants(workshopId);
		const proxies = people
			.filter((p) => p.keyHash === PROXY_KEY_HASH)
			.map((p) => ({ personId: p.id, joinedAt: p.joinedAt, leftAt: null }));
		return [...(await this.spans(workshopId)), ...proxies];
	}

	evict(workshopId: string): Promise<void> {
		return this.#lanes.run(workshopId, async () => void this.#spans.delete(workshopId));
	}

	holds(workshopId: string): boolean {
		return this.#spans.has(workshopId);
	}
}

/** A file name stem: the title's letters and digits, then the day. */
function stemOf(title: string, at: number) {
	const words = title
		.normalize('NFKD')
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60);
	return `${words || 'workshop'}-${new Date(at).toISOString().slice(0, 10)}`;
}

export async function buildFiles(
	core: CoreServices,
	use: UseService,
	attendance: Attendance,
	workshopId: string
) {
	const w = await core.storage.workshopById(workshopId);
	if (!w) return null;
	const [people, namings, decided, actions, feedback, turns, agendaRoom, boardRoom, spans] =
		await Promise.all([
			core.storage.participants(workshopId),
			use(closeoutServer).namings(workshopId),
			use(decisionsServer).snapshot(workshopId),
			use(actionsServer).list(workshopId),
			use(closeoutServer).state(workshopId),
			use(queueServer).turns(workshopId),
			core.rooms.room(docName(workshopId, 'agenda')),
			core.rooms.room(docName(workshopId, 'board')),
			attendance.withProxies(workshopId)
		]);
	const board = readBoard(boardRoom.doc);
	const summary = summariseFeedback(feedback.round);
	const generatedAt = core.now();
	const built = buildRecord({
		workshop: { title: w.title, language: w.language, createdAt: w.createdAt, closedAt: null },
		generatedAt,
		canChange: { fixed: decided.scope.fixed || null, open: decided.scope.open || null },
		people: people.map((p) => ({
			id: p.id,
			name: p.name,
			role: p.role,
			naming: namings.get(p.id) ?? 'name',
			proxy: p.keyHash === PROXY_KEY_HASH
		})),
		attendance: spans,
		agenda: readAgenda(agendaRoom.doc).items,
		themes: board.themes,
		ideas: board.ideas,
		votes: board.totals,
		decisions: decided.decisions,
		actions,
		turns: turns.map((t) => ({
			personId: t.personId,
			kind: t.kind ?? 'go-round',
			startedAt: t.startedAt,
			endedAt: t.endedAt
		})),
		feedback: summary.available ? summary : null
	});
	const files: RecordFiles = {
		stem: stemOf(w.title, generatedAt),
		json: JSON.stringify(built, null, 2),
		html: recordHtml(built),
		csv: recordCsv(built, { bom: true })
	};
	return files;
}

export const recordServer = defineServerFeature({
	feature: record,
	create: (core) => new Attendance(core),
	handlers(attendance, core, use) {
		return {
			'record:download': {
				who: 'facilitator',
				// The record is most wanted after the workshop closed.
				whileClosed: true,
				async run(_input, { session }) {
					const files = await buildFiles(core, use, attendance, session.workshopId);
					if (!files)
						return {
							ok: false,
							error: { code: 'not-found', message: 'This workshop no longer exists.' }
						};
					// What was exported, never its content: no names or text in the log.
					core.log.info('record.downloaded', { workshop: session.workshopId });
					return ok(files);
				}
			}
		};
	}
});
