/**
 * Builds the long-lived parts of one server from its configuration, in one place for prod, dev and
 * tests: the core (storage, documents, tickets, presence, workshops), then one service per feature
 * from the registry, the table of every command, and the guards of documents clients may write.
 * Nothing is kept at module level, so two servers in one process never share anything.
 */
import { DOC_KINDS, type DocKind } from '../src/lib/features/index.ts';
import { WorkshopActivity } from './activity.ts';
import { clusterLeases } from './cluster/index.ts';
import type { Leases } from './cluster/lease.ts';
import type { Config } from './config.ts';
import type { CoreServices } from './core.ts';
import { serverFeatures } from './features/index.ts';
import type { FeatureService, ServerFeature, UseService } from './features/types.ts';
import { ServerLimits } from './limits.ts';
import type { Logger } from './log.ts';
import { Presence } from './presence.ts';
import type { CommandEntry, CommandTable } from './socket/connection.ts';
import { createPublisher, everyoneRoom, type RoundtableServer } from './socket/rooms.ts';
import { GroupCommit } from './storage/group-commit.ts';
import { createStorage } from './storage/index.ts';
import { TicketBook } from './tickets.ts';
import { Workshops } from './workshops.ts';
import type { DocGuard } from './yjs/guards.ts';
import { CLOSE_GOING_AWAY } from './yjs/protocol.ts';
import { DocRooms } from './yjs/rooms.ts';
import type { FeatureSpec } from '../src/lib/shared/command.ts';

type AnyServerFeature = ServerFeature<FeatureSpec, FeatureService>;

export type FeatureServices = {
	[K in keyof typeof serverFeatures]: ReturnType<(typeof serverFeatures)[K]['create']>;
};

export interface Services extends CoreServices {
	features: FeatureServices;
	commands: CommandTable;
	activity: WorkshopActivity;
	/** With several nodes: this node's workshop leases (null on a single node). */
	leases: Leases | null;
	/** Connects the publisher to the socket.io server once it exists. */
	attach(io: RoundtableServer): void;
	/** Drops everything held in memory for a workshop (its storage stays). */
	evict(workshopId: string): Promise<void>;
	/** Whether anything of the workshop is in memory: a feature's state or a loaded document. */
	holds(workshopId: string): boolean;
	/** Stops timers, writes out what features hold, closes documents and storage. */
	close(): Promise<void>;
}

export async function createServices(
	config: Config,
	log: Logger,
	now: () => number = Date.now
): Promise<Services> {
	const inner = await createStorage(config, {
		synchronous: config.durability === 'power' ? 'full' : 'normal'
	});
	// With several nodes, one writer per workshop (server/cluster/); features never see it. Bound
	// below, once the features exist: a lost lease drops what they hold.
	const leases = config.cluster
		? clusterLeases(inner, config.cluster, log, (workshopId) => letGo(workshopId))
		: null;
	// One transaction per workshop per tick, underneath every feature (see storage/group-commit.ts).
	const storage = new GroupCommit(inner, leases?.fencing() ?? null);
	const guards = new Map<string, DocGuard>();
	// Every document gets a guard: its feature's own (if any) under the workshop-wide one.
	const rooms = new DocRooms(
		storage,
		log,
		(kind, name) => workshopGuard(guards.get(kind) ?? null, name.slice(0, name.lastIndexOf('.'))),
		config.yjs
	);
	const presence = new Presence();
	const publish = createPublisher();
	let io: RoundtableServer | null = null;
	// Rates run on the wall clock, as each connection's own does: a test's stopped clock must not starve them.
	const limits = new ServerLimits(config.limits);
	const core: CoreServices = {
		config,
		log,
		storage,
		rooms,
		tickets: new TicketBook(now),
		presence,
		workshops: new Workshops(
			storage,
			rooms,
			presence,
			config.publicOrigin,
			now,
			limits.config.participantsPerWorkshop
		),
		publish,
		limits,
		now,
		// Bound below, once every feature's service exists.
		forget: (workshopId) => forget(workshopId)
	};

	const instances = new Map<AnyServerFeature, FeatureService>();
	const creating = new Set<AnyServerFeature>();
	const use: UseService = <S extends object>(feature: ServerFeature<FeatureSpec, S>): S => {
		const known = instances.get(feature as AnyServerFeature);
		if (known) return known as S;
		if (creating.has(feature as AnyServerFeature)) {
			throw new Error(`Feature ${feature.feature.name} needs itself to be created.`);
		}
		creating.add(feature as AnyServerFeature);
		const created = feature.create(core, use);
		instances.set(feature as AnyServerFeature, created as FeatureService);
		return created;
	};

	const all = Object.values(serverFeatures) as AnyServerFeature[];
	const commands = new Map<string, CommandEntry>();
	for (const feature of all) {
		const service = use(feature);
		const handlers = feature.handlers(service, core, use);
		for (const [name, spec] of Object.entries(feature.feature.commands)) {
			const handler = handlers[name];
			// The types make this impossible; the check keeps a hand-made registry honest too.
			if (!handler) throw new Error(`Command ${name} has no handler.`);
			const run = handler.run as CommandEntry['run'];
			commands.set(name, {
				name,
				schema: spec.input,
				who: handler.who,
				rate: handler.rate,
				run: handler.whileClosed ? run : (input, ctx) => gated(run, input, ctx)
			});
		}
		for (const [kind, guard] of Object.entries(feature.guards?.(service, core) ?? {})) {
			if (guard && (DOC_KINDS as readonly string[]).includes(kind))
				guards.set(kind as DocKind, guard);
		}
	}

	/** Every command of a workshop some feature has closed is refused, except those marked `whileClosed`. */
	const gated = async (
		run: CommandEntry['run'],
		input: unknown,
		ctx: Parameters<CommandEntry['run']>[1]
	) => {
		if (ctx.session) {
			for (const feature of all) {
				const refusal = await instances.get(feature)?.refuses?.(ctx.session.workshopId);
				if (refusal) return refusal;
			}
		}
		return run(input, ctx);
	};

	/**
	 * A document's guard under the workshop's: once any feature refuses writes to the workshop (it
	 * closed), no connection may change any of its documents, whatever the ticket or the document's
	 * own guard allow. Server-made changes (commands that still run) never pass through guards.
	 */
	const workshopGuard = (own: DocGuard | null, workshopId: string): DocGuard => {
		const refused = () =>
			all.some((feature) => instances.get(feature)?.refusesWrites?.(workshopId) === true);
		return {
			async prepare() {
				for (const feature of all) await instances.get(feature)?.prepareWrites?.(workshopId);
				await own?.prepare?.();
			},
			mayWrite: (doc, conn) =>
				!refused() && (own ? own.mayWrite(doc, conn) : conn.ticketWritable === true),
			check: (before, after, conn) =>
				refused() ? 'the workshop has closed' : (own?.check(before, after, conn) ?? null)
		};
	};

	const forget = async (workshopId: string) => {
		for (const feature of all) await instances.get(feature)?.evict?.(workshopId);
		await rooms.dropWorkshop(workshopId);
	};

	const evict = async (workshopId: string) => {
		// Features first: they may still write to the workshop's documents as they let go.
		for (const feature of all) await instances.get(feature)?.evict?.(workshopId);
		await rooms.unloadWorkshop(workshopId);
		// Nothing of it is held here any more (a document still open keeps it): another node may serve
		// it at once. A copy kept in memory without the lease could be written under a later one.
		if (leases && !holds(workshopId)) await leases.release(workshopId);
		log.debug('workshop.evicted', { workshop: workshopId });
	};

	/**
	 * Another node took the workshop over: its writes from here are refused anyway (the fence), so
	 * drop everything held for it without waiting on them. Its document connections close with
	 * "going away"; clients reconnect and sync by state vector with the node serving it now.
	 */
	const letGo = async (workshopId: string) => {
		for (const feature of all) {
			await instances
				.get(feature)
				?.evict?.(workshopId)
				.catch(() => undefined);
		}
		await rooms.dropWorkshop(workshopId, {
			code: CLOSE_GOING_AWAY,
			reason: 'served by another node now'
		});
		// Its people reconnect too (the load balancer sends them on) and resume from a snapshot.
		io?.in(everyoneRoom(workshopId)).disconnectSockets(true);
	};
	const resume = (workshopId: string) => {
		for (const feature of all) {
			instances
				.get(feature)
				?.resume?.(workshopId)
				.catch((e: Error) =>
					log.error('workshop.resume-failed', { workshop: workshopId, reason: e.message })
				);
		}
	};
	const holds = (workshopId: string) =>
		all.some((feature) => instances.get(feature)?.holds?.(workshopId) === true) ||
		rooms.loadedNames().some((name) => name.startsWith(`${workshopId}.`));
	const activity = new WorkshopActivity({ idleMs: config.workshopIdleMs, now, evict, resume });

	const features = Object.fromEntries(
		Object.entries(serverFeatures).map(([key, feature]) => [key, use(feature as AnyServerFeature)])
	) as FeatureServices;

	return {
		...core,
		features,
		commands,
		activity,
		leases,
		attach(server) {
			io = server;
			publish.attach(server);
		},
		evict,
		holds,
		async close() {
			await activity.close();
			// Features first (they may still write to documents), then the documents, then storage.
			for (const feature of [...all].reverse()) await instances.get(feature)?.close?.();
			await rooms.close();
			await leases?.close();
			await storage.close();
		}
	};
}
