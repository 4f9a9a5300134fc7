import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DOC_KINDS } from '../../src/lib/features/index.ts';
import { DEFAULT_ROLES, LANGUAGES, docName, parseDocName } from '../../src/lib/shared/workshop.ts';

const ID = 'AbCdEfGhIjKlMnOpQrStUv'; // 22 base64url characters, like randomId()

const idArb = fc.string({
	minLength: 16,
	maxLength: 64,
	unit: fc.constantFrom(...'ABCXYZabcxyz0189_-')
});

describe('workshop constants', () => {
	it('supports English and Welsh', () => {
		expect([...LANGUAGES]).toEqual(['en', 'cy']);
	});

	it('has the five default role keys', () => {
		expect([...DEFAULT_ROLES]).toEqual([
			'lived-experience',
			'carer',
			'professional',
			'other',
			'prefer-not-to-say'
		]);
	});

	it('has a meta document kind', () => {
		expect(DOC_KINDS).toContain('meta');
	});
});

describe('docName / parseDocName', () => {
	it('joins id and kind with a dot', () => {
		expect(docName(ID, 'meta')).toBe(`${ID}.meta`);
	});

	it('round-trips a real id', () => {
		expect(parseDocName(docName(ID, 'meta'), DOC_KINDS)).toEqual({ workshopId: ID, kind: 'meta' });
	});

	it('property: round-trips every valid id and kind', () => {
		fc.assert(
			fc.property(idArb, fc.constantFrom(...DOC_KINDS), (id, kind) => {
				expect(parseDocName(docName(id, kind), DOC_KINDS)).toEqual({ workshopId: id, kind });
			})
		);
	});

	it('accepts ids of 16 and 64 characters', () => {
		expect(parseDocName(`${'a'.repeat(16)}.meta`, DOC_KINDS)).toEqual({
			workshopId: 'a'.repeat(16),
			kind: 'meta'
		});
		expect(parseDocName(`${'a'.repeat(64)}.meta`, DOC_KINDS)?.workshopId).toBe('a'.repeat(64));
	});

	it.each([
		['unknown kind', `${ID}.secrets`],
		['upper-case kind', `${ID}.META`],
		['no kind', ID],
		['empty kind', `${ID}.`],
		['empty', ''],
		['only a kind', '.meta'],
		['path traversal', '../x.meta'],
		['path traversal with a long id', `../${ID}.meta`],
		['slash in id', `${ID.slice(0, 10)}/${ID.slice(10)}.meta`],
		['backslash in id', `${ID.slice(0, 10)}\\${ID.slice(10)}.meta`],
		['id too short (15)', `${'a'.repeat(15)}.meta`],
		['id too long (65)', `${'a'.repeat(65)}.meta`],
		['two kinds', `${ID}.meta.meta`],
		['trailing newline', `${ID}.meta\n`],
		['leading space', ` ${ID}.meta`],
		['percent-encoded', `${ID}%2Emeta`],
		['dot in id', `${ID.slice(0, 10)}.${ID.slice(10)}.meta`],
		['prototype kind', `${ID}.constructor`],
		['non-ASCII id', `${'é'.repeat(16)}.meta`]
	])('refuses %s', (_label, name) => {
		expect(parseDocName(name, DOC_KINDS)).toBeNull();
	});

	it('property: refuses any name whose kind is not known', () => {
		fc.assert(
			fc.property(
				idArb,
				fc.string({ minLength: 1, maxLength: 10, unit: fc.constantFrom(...'abcdefmtz') }),
				(id, kind) => {
					fc.pre(!(DOC_KINDS as readonly string[]).includes(kind));
					expect(parseDocName(`${id}.${kind}`, DOC_KINDS)).toBeNull();
				}
			)
		);
	});

	it('property: whatever it accepts has a safe id and a known kind', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 80 }), (name) => {
				const parsed = parseDocName(name, DOC_KINDS);
				if (parsed) {
					expect(parsed.workshopId).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
					expect(DOC_KINDS).toContain(parsed.kind);
					expect(docName(parsed.workshopId, parsed.kind)).toBe(name);
				}
			})
		);
	});
});
