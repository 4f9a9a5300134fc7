/** A participant's id and key for one workshop, kept on this device so a reload brings them back. */
export interface Identity {
	participantId: string;
	participantKey: string;
}

const key = (code: string) => `roundtable.identity.${code}`;

export function loadIdentity(code: string): Identity | null {
	try {
		const raw = localStorage.getItem(key(code));
		if (!raw) return null;
		const parsed = JSON.parse(raw) as Partial<Identity>;
		return typeof parsed.participantId === 'string' && typeof parsed.participantKey === 'string'
			? { participantId: parsed.participantId, participantKey: parsed.participantKey }
			: null;
	} catch {
		return null;
	}
}

export function saveIdentity(code: string, identity: Identity) {
	localStorage.setItem(key(code), JSON.stringify(identity));
}

export function forgetIdentity(code: string) {
	localStorage.removeItem(key(code));
}
