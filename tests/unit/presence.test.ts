import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Presence } from '../../server/presence.ts';

describe('Presence', () => {
	it('starts with nobody', () => {
		const p = new Presence();
		expect(p.count('w1')).toBe(0);
		expect(p.isHere('w1', 'sam')).toBe(false);
	});

	it('arrive returns true for the first connection only', () => {
		const p = new Presence();
		expect(p.arrive('w1', 'sam')).toBe(true);
		expect(p.arrive('w1', 'sam')).toBe(false);
		expect(p.arrive('w1', 'sam')).toBe(false);
		expect(p.count('w1')).toBe(1);
		expect(p.isHere('w1', 'sam')).toBe(true);
	});

	it('leave returns true only when the last connection closes', () => {
		const p = new Presence();
		p.arrive('w1', 'sam');
		p.arrive('w1', 'sam');
		expect(p.leave('w1', 'sam')).toBe(false);
		expect(p.isHere('w1', 'sam')).toBe(true);
		expect(p.count('w1')).toBe(1);
		expect(p.leave('w1', 'sam')).toBe(true);
		expect(p.isHere('w1', 'sam')).toBe(false);
		expect(p.count('w1')).toBe(0);
	});

	it('leave of someone who is not here returns false and changes nothing', () => {
		const p = new Presence();
		expect(p.leave('w1', 'sam')).toBe(false);
		p.arrive('w1', 'alex');
		expect(p.leave('w1', 'sam')).toBe(false);
		expect(p.leave('w2', 'alex')).toBe(false);
		expect(p.count('w1')).toBe(1);
		expect(p.isHere('w1', 'alex')).toBe(true);
	});

	it('an extra leave after leaving does not make the count negative', () => {
		const p = new Presence();
		p.arrive('w1', 'sam');
		expect(p.leave('w1', 'sam')).toBe(true);
		expect(p.leave('w1', 'sam')).toBe(false);
		expect(p.count('w1')).toBe(0);
		expect(p.arrive('w1', 'sam')).toBe(true);
	});

	it('counts people, not connections', () => {
		const p = new Presence();
		p.arrive('w1', 'sam');
		p.arrive('w1', 'sam');
		p.arrive('w1', 'alex');
		p.arrive('w1', 'jo');
		p.arrive('w1', 'jo');
		p.arrive('w1', 'jo');
		expect(p.count('w1')).toBe(3);
	});

	it('keeps workshops apart', () => {
		const p = new Presence();
		expect(p.arrive('w1', 'sam')).toBe(true);
		expect(p.arrive('w2', 'sam')).toBe(true);
		p.arrive('w2', 'alex');
		expect(p.count('w1')).toBe(1);
		expect(p.count('w2')).toBe(2);
		expect(p.leave('w1', 'sam')).toBe(true);
		expect(p.isHere('w2', 'sam')).toBe(true);
		expect(p.isHere('w1', 'sam')).toBe(false);
		expect(p.count('w2')).toBe(2);
	});

	it('property: matches a simple model of connection counts', () => {
		const people = ['a', 'b', 'c'];
		const workshops = ['w1', 'w2'];
		fc.assert(
			fc.property(
				fc.array(
					fc.tuple(fc.boolean(), fc.constantFrom(...workshops), fc.constantFrom(...people)),
					{ maxLength: 100 }
				),
				(ops) => {
					const p = new Presence();
					const model = new Map<string, number>();
					for (const [arrive, w, person] of ops) {
						const key = `${w}/${person}`;
						const n = model.get(key) ?? 0;
						if (arrive) {
							expect(p.arrive(w, person)).toBe(n === 0);
							model.set(key, n + 1);
						} else {
							expect(p.leave(w, person)).toBe(n === 1);
							model.set(key, Math.max(0, n - 1));
						}
						for (const ww of workshops) {
							const here = people.filter((x) => (model.get(`${ww}/${x}`) ?? 0) > 0);
							expect(p.count(ww)).toBe(here.length);
							for (const x of people) expect(p.isHere(ww, x)).toBe(here.includes(x));
						}
					}
				}
			)
		);
	});
});
