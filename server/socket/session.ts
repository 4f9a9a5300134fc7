/** Who a connection is, once it has joined a workshop or opened it as a facilitator. */
export type ParticipantSession = { kind: 'participant'; workshopId: string; participantId: string };
export type FacilitatorSession = { kind: 'facilitator'; workshopId: string };
export type Session = ParticipantSession | FacilitatorSession;
