/**
 * The rows of the workshops and participants tables as both backends return them, and their
 * mapping to records. Times come back as numbers from SQLite and as strings from PostgreSQL's
 * bigint, so the mapping reads them with Number().
 */
import type { Language } from '../../src/lib/shared/workshop.ts';
import type { ParticipantRecord, WorkshopRecord } from './types.ts';

export interface WorkshopRow {
	id: string;
	code: string;
	title: string;
	language: string;
	roles: string;
	facilitator_key_hash: string;
	created_at: number | string;
}

export interface ParticipantRow {
	id: string;
	workshop_id: string;
	name: string;
	role: string;
	key_hash: string;
	joined_at: number | string;
}

export function toWorkshop(row: WorkshopRow | undefined): WorkshopRecord | null {
	if (!row) return null;
	return {
		id: row.id,
		code: row.code,
		title: row.title,
		language: row.language as Language,
		roles: JSON.parse(row.roles) as string[],
		facilitatorKeyHash: row.facilitator_key_hash,
		createdAt: Number(row.created_at)
	};
}

export function toParticipant(row: ParticipantRow): ParticipantRecord {
	return {
		id: row.id,
		workshopId: row.workshop_id,
		name: row.name,
		role: row.role,
		keyHash: row.key_hash,
		joinedAt: Number(row.joined_at)
	};
}
