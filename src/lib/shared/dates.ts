/**
 * Calendar dates ("by when", "review on") as ISO strings, YYYY-MM-DD: a day, not an instant, so
 * they mean the same in every time zone and sort as text. Pure: "today" is passed in.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type DateErrorCode = 'invalid-date' | 'date-in-past' | 'date-too-far';
export type DateCheck = { ok: true; value: string } | { ok: false; code: DateErrorCode };

/** A real calendar day (no 30 February) between years 2000 and 9999. */
export function isIsoDate(input: unknown): input is string {
	if (typeof input !== 'string') return false;
	const m = ISO_DATE.exec(input);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (y < 2000 || mo < 1 || mo > 12 || d < 1) return false;
	const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
	return d <= days;
}

function addYears(date: string, years: number): string {
	const y = Number(date.slice(0, 4)) + years;
	return `${String(y).padStart(4, '0')}${date.slice(4)}`;
}

/**
 * A date that is `today` or later and at most `maxYears` ahead: a day before today is a typo,
 * and one decades away is too. `today` must itself be an ISO date.
 */
export function checkFutureDate(input: unknown, today: string, maxYears = 10): DateCheck {
	if (!isIsoDate(input) || !isIsoDate(today)) return { ok: false, code: 'invalid-date' };
	if (input < today) return { ok: false, code: 'date-in-past' };
	if (input > addYears(today, maxYears)) return { ok: false, code: 'date-too-far' };
	return { ok: true, value: input };
}

/** The calendar day of instant `ms` in `timeZone` (e.g. 'Europe/London'), as YYYY-MM-DD. */
export function dateInZone(ms: number, timeZone: string): string {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).formatToParts(ms);
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${get('year')}-${get('month')}-${get('day')}`;
}
