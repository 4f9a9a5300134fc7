/**
 * What several nodes add to one server, built from its configuration. Today: the per-workshop
 * leases whose fence every durable write carries (lease.ts). The relay between nodes is not here
 * yet, so nothing turns this on from the environment (see README "Running at scale").
 */
import type { Logger } from '../log.ts';
import type { LeaseStore, Storage } from '../storage/types.ts';
import { Leases, type LeaseSettings } from './lease.ts';

function isLeaseStore(storage: Storage): storage is Storage & LeaseStore {
	return 'claimLease' in storage && 'releaseLease' in storage;
}

/** The node's lease loop, started; `lost` drops what is held for a workshop another node took. */
export function clusterLeases(
	storage: Storage,
	settings: LeaseSettings,
	log: Logger,
	lost: (workshopId: string) => Promise<void>
): Leases {
	if (!isLeaseStore(storage)) {
		throw new Error('Several nodes need PostgreSQL storage (DATABASE_URL).');
	}
	const leases = new Leases(
		storage,
		{
			gained: (workshopId, epoch) => log.info('lease.gained', { workshop: workshopId, epoch }),
			async lost(workshopId) {
				log.warn('lease.lost', { workshop: workshopId });
				await lost(workshopId);
			}
		},
		settings
	);
	leases.start();
	return leases;
}
