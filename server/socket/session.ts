import type { TokenBucket } from '../rate-limit.ts';

/** Who a connection is, once it has joined a workshop or opened it as a facilitator. */
export type ParticipantSession = { kind: 'participant'; workshopId: string; participantId: string };
export type FacilitatorSession = { kind: 'facilitator'; workshopId: string };
export type Session = ParticipantSession | FacilitatorSession;

/** What each socket.io connection carries. */
export interface SocketData {
	session: Session | null;
	bucket: TokenBucket;
	/** Buckets of commands with their own, tighter limit, by lane; made on first use. */
	lanes: Map<string, TokenBucket> | null;
}
