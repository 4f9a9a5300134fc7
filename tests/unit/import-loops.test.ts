/**
 * Imports flow one way (routes and server wiring -> features -> src/lib/shared): no module of
 * src/lib or server may reach itself again through its imports, type-only imports included.
 * Found by reading the import lines of every source file, so a loop added anywhere fails here.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOTS = ['src/lib', 'server'];
const IMPORT =
	/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sources(dir: string, out: string[] = []): string[] {
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) sources(p, out);
		else if (/\.(ts|svelte)$/.test(e.name) && !e.name.endsWith('.test.ts')) out.push(p);
	}
	return out;
}

function resolveImport(from: string, spec: string): string | null {
	const base = spec.startsWith('$lib/')
		? path.join('src/lib', spec.slice(5))
		: spec.startsWith('.')
			? path.join(path.dirname(from), spec)
			: null;
	if (!base) return null;
	for (const c of [base, `${base}.ts`, `${base}.svelte.ts`, path.join(base, 'index.ts')]) {
		if (existsSync(c) && statSync(c).isFile()) return path.normalize(c);
	}
	return null;
}

function importLoops(): string[] {
	const graph = new Map<string, string[]>();
	for (const file of ROOTS.flatMap((r) => sources(r))) {
		const text = readFileSync(file, 'utf8');
		const deps = [...text.matchAll(IMPORT)]
			.map((m) => resolveImport(file, m[1] ?? m[2]))
			.filter((d): d is string => d !== null);
		graph.set(path.normalize(file), deps);
	}
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const loops: string[] = [];
	const visit = (n: string) => {
		state.set(n, 'open');
		stack.push(n);
		for (const d of graph.get(n) ?? []) {
			if (state.get(d) === 'open') loops.push([...stack.slice(stack.indexOf(d)), d].join(' -> '));
			else if (!state.has(d)) visit(d);
		}
		stack.pop();
		state.set(n, 'done');
	};
	for (const n of graph.keys()) if (!state.has(n)) visit(n);
	return loops;
}

describe('imports', () => {
	it('form no loop anywhere in src/lib or server', () => {
		const loops = importLoops();
		expect(loops).toEqual([]);
	});

	it('are found by the check (it sees the record feature importing its parts)', () => {
		// Guards the check itself: a regex that matched nothing would pass the test above vacuously.
		const text = readFileSync('server/features/record/index.ts', 'utf8');
		const deps = [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2]);
		expect(deps).toContain('../../../src/lib/features/record/csv.ts');
	});
});
