/**
 * Every form in the interface has an accessible name (issue 14, defect 10): a screen reader's
 * list of forms then says what each one is for, not "form, form, form". Read from the components'
 * source, so a form added anywhere later is caught too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

/** The opening tag that starts at `from`, read past `>` inside `{...}` expressions. */
function openingTag(source: string, from: number): string {
	let depth = 0;
	for (let i = from; i < source.length; i++) {
		if (source[i] === '{') depth++;
		else if (source[i] === '}') depth--;
		else if (source[i] === '>' && depth === 0) return source.slice(from, i + 1);
	}
	return source.slice(from);
}

function svelteFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return svelteFiles(full);
		return entry.name.endsWith('.svelte') ? [full] : [];
	});
}

describe('forms', () => {
	it('each have a name (aria-label or aria-labelledby)', () => {
		const unnamed: string[] = [];
		let forms = 0;
		for (const file of svelteFiles(SRC)) {
			const source = readFileSync(file, 'utf8');
			for (const match of source.matchAll(/<form\b/g)) {
				forms++;
				if (!/\saria-label(ledby)?=/.test(openingTag(source, match.index))) {
					const line = source.slice(0, match.index).split('\n').length;
					unnamed.push(`${path.relative(SRC, file)}:${line}`);
				}
			}
		}
		expect(forms).toBeGreaterThan(20);
		expect(unnamed).toEqual([]);
	});
});
