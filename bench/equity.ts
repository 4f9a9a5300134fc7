/**
 * How fair is each queue order? `npm run bench:equity` simulates 1,000 workshops of 8–20 people,
 * a fifth of them "eager" (they raise a hand three times as often and talk twice as long), under
 * first come first served, fewest turns first (round-robin) and go-rounds. It drives the REAL
 * queue module and measures with the REAL balance module, then prints and writes bench/equity.json:
 * the Gini of turns and of time, and the quieter people's share of the floor, per policy.
 *
 * Seeded (EQUITY_SEED, default 7) so a run is reproducible; EQUITY_WORKSHOPS sizes it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { computeSessionSummary, type TurnRecord } from '../src/lib/features/balance/model.ts';
import * as q from '../src/lib/features/queue/model.ts';

const WORKSHOPS = Number(process.env.EQUITY_WORKSHOPS ?? 1000);
const SEED = Number(process.env.EQUITY_SEED ?? 7);
const SESSION_MS = 45 * 60_000;
const STEP_MS = 5_000;
/** Chance a quiet person with no hand up raises it in one step; eager people: three times this. */
const QUIET_RAISE_PER_STEP = 0.006;
const EAGER_RAISE_FACTOR = 3;
/** Mean turn length for quiet people; eager people talk twice as long. */
const QUIET_MEAN_TURN_MS = 45_000;
const EAGER_TALK_FACTOR = 2;
/** In a go-round anyone may pass; quieter people do more often. */
const QUIET_PASS = 0.3;
const EAGER_PASS = 0.05;

type Policy = 'first-come' | 'round-robin' | 'go-round';
const POLICIES: Policy[] = ['first-come', 'round-robin', 'go-round'];

/** mulberry32: small, fast and good enough for a simulation. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface Person {
	id: string;
	eager: boolean;
}

/** Exponential turn length, at least 10 s, rounded to the step so turns end on a step. */
function turnLength(random: () => number, eager: boolean): number {
	const mean = QUIET_MEAN_TURN_MS * (eager ? EAGER_TALK_FACTOR : 1);
	const ms = Math.max(10_000, -Math.log(1 - random()) * mean);
	return Math.ceil(ms / STEP_MS) * STEP_MS;
}

function must<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
	if (!result.ok) throw new Error(`queue refused: ${(result as { code?: string }).code}`);
	return result as Extract<T, { ok: true }>;
}

function simulate(people: Person[], policy: Policy, random: () => number): TurnRecord[] {
	const byId = new Map(people.map((p) => [p.id, p]));
	let state = q.createQueueState();
	if (policy !== state.policy && policy !== 'go-round')
		state = must(q.setPolicy(state, policy)).state;
	let stats: q.SpeakingStats = {};
	const turns: TurnRecord[] = [];
	let endsAt = 0;
	const record = (ended: q.TurnRecord | null) => {
		if (!ended) return;
		stats = q.applyTurnToStats(stats, ended);
		turns.push({
			personId: ended.personId,
			kind: ended.kind ?? 'go-round',
			startedAt: ended.startedAt,
			endedAt: ended.endedAt
		});
	};

	for (let now = 0; now < SESSION_MS; now += STEP_MS) {
		if (state.current && now >= endsAt) {
			const r = must(q.endCurrentTurn(state, now));
			record(r.ended);
			state = r.state;
		}
		if (policy === 'go-round') {
			if (state.current) continue;
			if (!state.goRound || state.goRound.position >= state.goRound.order.length) {
				state = must(
					q.startGoRound(
						state,
						people.map((p) => p.id)
					)
				).state;
			}
			// Passes take no time; the first person who speaks takes the floor.
			for (;;) {
				const up = q.goRoundUp(state);
				if (up === null) break;
				const eager = byId.get(up)!.eager;
				if (random() < (eager ? EAGER_PASS : QUIET_PASS)) {
					state = must(q.goRoundPass(state, up)).state;
					continue;
				}
				const r = must(q.goRoundSpeak(state, up, now));
				state = r.state;
				endsAt = now + turnLength(random, eager);
				break;
			}
			continue;
		}
		const raised = new Set(state.hands.map((h) => h.personId));
		for (const p of people) {
			if (raised.has(p.id) || state.current?.personId === p.id) continue;
			const chance = QUIET_RAISE_PER_STEP * (p.eager ? EAGER_RAISE_FACTOR : 1);
			if (random() < chance) state = must(q.raiseHand(state, p.id, 'new', now)).state;
		}
		if (!state.current && state.hands.length > 0) {
			const r = must(q.nextSpeaker(state, stats, now));
			state = r.state;
			endsAt = now + turnLength(random, byId.get(r.started!.personId)!.eager);
		}
	}
	if (state.current) record(must(q.endCurrentTurn(state, SESSION_MS)).ended);
	return turns;
}

interface Totals {
	giniTurns: number;
	giniTime: number;
	quietShareOfTime: number;
	quietShareOfTurns: number;
	quietShareOfPeople: number;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function run() {
	const started = performance.now();
	const random = prng(SEED);
	const sums: Record<Policy, Totals> = Object.fromEntries(
		POLICIES.map((p) => [
			p,
			{
				giniTurns: 0,
				giniTime: 0,
				quietShareOfTime: 0,
				quietShareOfTurns: 0,
				quietShareOfPeople: 0
			}
		])
	) as Record<Policy, Totals>;

	for (let w = 0; w < WORKSHOPS; w++) {
		const size = 8 + Math.floor(random() * 13);
		const eagerCount = Math.round(size / 5);
		const people: Person[] = Array.from({ length: size }, (_, i) => ({
			id: `w${w}p${i}`,
			eager: i < eagerCount
		}));
		const present = people.map((p) => ({ personId: p.id, role: p.eager ? 'eager' : 'quiet' }));
		for (const policy of POLICIES) {
			const turns = simulate(people, policy, random);
			const summary = computeSessionSummary({ turns, people: present, now: SESSION_MS });
			const quiet = summary.roles.find((r) => r.role === 'quiet')!;
			const s = sums[policy];
			s.giniTurns += summary.giniTurns;
			s.giniTime += summary.giniTime;
			s.quietShareOfTime += quiet.timeShare;
			s.quietShareOfTurns += quiet.turnShare;
			s.quietShareOfPeople += quiet.peopleShare;
		}
	}

	const policies = Object.fromEntries(
		POLICIES.map((p) => [
			p,
			Object.fromEntries(
				Object.entries(sums[p]).map(([k, v]) => [k, round(v / WORKSHOPS)])
			) as unknown as Totals
		])
	);
	const result = {
		workshops: WORKSHOPS,
		seed: SEED,
		sessionMinutes: SESSION_MS / 60_000,
		people: '8–20, a fifth eager (3× as likely to raise a hand, 2× as long turns)',
		policies
	};
	const out = path.join(import.meta.dirname, 'equity.json');
	writeFileSync(out, JSON.stringify(result, null, '\t') + '\n');
	console.log(`Equity of queue orders: ${WORKSHOPS} workshops, seed ${SEED}`);
	console.table(
		Object.fromEntries(
			POLICIES.map((p) => [
				p,
				{
					'Gini of turns': policies[p].giniTurns,
					'Gini of time': policies[p].giniTime,
					'Quieter people: share of time': policies[p].quietShareOfTime,
					'…of turns': policies[p].quietShareOfTurns,
					'…of people': policies[p].quietShareOfPeople
				}
			])
		)
	);
	console.log(
		`Wrote ${path.relative(process.cwd(), out)} in ${Math.round(performance.now() - started)} ms`
	);
}

run();
