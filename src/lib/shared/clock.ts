/**
 * The one clock formatter: "4:05". Elapsed time rounds down (a turn shows 0:59 until a full minute
 * has passed); a countdown rounds up, so 0:00 shows only when the time is really up, and time past
 * the end shows with a minus sign ("-0:30").
 */
export function clock(ms: number, mode: 'elapsed' | 'countdown' = 'elapsed'): string {
	if (mode === 'elapsed') return minutesSeconds(Math.max(0, Math.floor(ms / 1000)));
	if (ms < 0) return `-${minutesSeconds(Math.floor(-ms / 1000))}`;
	return minutesSeconds(Math.ceil(ms / 1000));
}

function minutesSeconds(total: number): string {
	return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
