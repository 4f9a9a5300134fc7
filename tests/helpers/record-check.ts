/**
 * Checks for exported records, shared by the record's unit tests and the server test: a small
 * validator for the part of JSON Schema that record.schema.json uses (it throws on any keyword it
 * does not implement, so it cannot pass by ignoring one), and a strict RFC 4180 CSV parser.
 */
import schema from '../../src/lib/features/record/record.schema.json';
import { CSV_BOM } from '../../src/lib/features/record/csv.ts';
import { isIsoDate } from '../../src/lib/shared/dates.ts';

// ---- a tiny validator for the part of JSON Schema that record.schema.json uses ----

type JsonSchema = { [keyword: string]: unknown };
const KNOWN = new Set([
	'$schema',
	'$id',
	'$ref',
	'$defs',
	'title',
	'description',
	'type',
	'properties',
	'required',
	'additionalProperties',
	'items',
	'enum',
	'const',
	'minimum',
	'maximum',
	'minLength',
	'minItems',
	'format',
	'oneOf'
]);

function deepEqual(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

function typeOk(type: string, value: unknown): boolean {
	switch (type) {
		case 'null':
			return value === null;
		case 'boolean':
			return typeof value === 'boolean';
		case 'string':
			return typeof value === 'string';
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'integer':
			return Number.isInteger(value);
		case 'array':
			return Array.isArray(value);
		case 'object':
			return typeof value === 'object' && value !== null && !Array.isArray(value);
		default:
			throw new Error(`validator does not know type ${type}`);
	}
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Every error found, as "path: problem". Throws on a keyword it does not implement. */
function validate(s: JsonSchema, value: unknown, root: JsonSchema, path = '$'): string[] {
	for (const k of Object.keys(s))
		if (!KNOWN.has(k)) throw new Error(`validator does not know ${k}`);
	if (typeof s.$ref === 'string') {
		const name = s.$ref.replace('#/$defs/', '');
		const defs = root.$defs as Record<string, JsonSchema>;
		if (!Object.hasOwn(defs, name)) throw new Error(`no $def ${name}`);
		return validate(defs[name], value, root, path);
	}
	const errors: string[] = [];
	if ('const' in s && !deepEqual(value, s.const))
		errors.push(`${path}: not ${JSON.stringify(s.const)}`);
	if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(e, value)))
		errors.push(`${path}: not in enum`);
	if (s.type !== undefined) {
		const types = Array.isArray(s.type) ? s.type : [s.type];
		if (!types.some((t) => typeOk(t as string, value)))
			return [...errors, `${path}: not ${types.join('|')}`];
	}
	if (Array.isArray(s.oneOf)) {
		const passing = s.oneOf.filter(
			(sub) => validate(sub as JsonSchema, value, root, path).length === 0
		);
		if (passing.length !== 1) errors.push(`${path}: matches ${passing.length} of oneOf`);
	}
	if (typeof value === 'number') {
		if (typeof s.minimum === 'number' && value < s.minimum)
			errors.push(`${path}: below ${s.minimum}`);
		if (typeof s.maximum === 'number' && value > s.maximum)
			errors.push(`${path}: above ${s.maximum}`);
	}
	if (typeof value === 'string') {
		if (typeof s.minLength === 'number' && value.length < s.minLength)
			errors.push(`${path}: too short`);
		if (s.format === 'date-time' && !(DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)))) {
			errors.push(`${path}: not a date-time`);
		}
		if (s.format === 'date' && !isIsoDate(value)) errors.push(`${path}: not a date`);
	}
	if (Array.isArray(value)) {
		if (typeof s.minItems === 'number' && value.length < s.minItems)
			errors.push(`${path}: too few items`);
		if (s.items)
			value.forEach((v, i) =>
				errors.push(...validate(s.items as JsonSchema, v, root, `${path}[${i}]`))
			);
	}
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		const obj = value as Record<string, unknown>;
		const props = (s.properties ?? {}) as Record<string, JsonSchema>;
		for (const r of (s.required ?? []) as string[])
			if (!Object.hasOwn(obj, r)) errors.push(`${path}: missing ${r}`);
		for (const [k, v] of Object.entries(obj)) {
			if (Object.hasOwn(props, k)) errors.push(...validate(props[k], v, root, `${path}.${k}`));
			else if (s.additionalProperties === false) errors.push(`${path}: unexpected ${k}`);
		}
	}
	return errors;
}

const recordSchema = schema as JsonSchema;
/** Every way `value` breaks record.schema.json, as "path: problem"; none when it validates. */
export const checkRecord = (value: unknown) => validate(recordSchema, value, recordSchema);

// ---- a small RFC 4180 parser: strict, so a sloppy CSV fails here ----

export function parseCsv(input: string): string[][] {
	const text = input.startsWith(CSV_BOM) ? input.slice(1) : input;
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let i = 0;
	const endField = () => {
		row.push(field);
		field = '';
	};
	while (i < text.length) {
		const c = text[i];
		if (c === '"' && field === '') {
			i++;
			for (;;) {
				if (i >= text.length) throw new Error('unterminated quoted field');
				if (text[i] === '"') {
					if (text[i + 1] === '"') {
						field += '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				field += text[i++];
			}
			const next = text[i];
			if (next !== undefined && next !== ',' && next !== '\r')
				throw new Error(`junk after quote at ${i}`);
			continue;
		}
		if (c === '"') throw new Error(`quote inside unquoted field at ${i}`);
		if (c === ',') {
			endField();
			i++;
		} else if (c === '\r') {
			if (text[i + 1] !== '\n') throw new Error('CR without LF');
			endField();
			rows.push(row);
			row = [];
			i += 2;
		} else if (c === '\n') {
			throw new Error('bare LF outside quotes');
		} else {
			field += c;
			i++;
		}
	}
	if (field !== '' || row.length > 0) throw new Error('last line does not end with CRLF');
	return rows;
}
