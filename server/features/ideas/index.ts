/**
 * The idea board's commands. Handlers never log idea text, ids or who sent them, and every reply
 * goes only to the connection that asked.
 */
import { ideas } from '../../../src/lib/features/ideas/feature.ts';
import { defineServerFeature, type Rate } from '../types.ts';
import { IdeaBoards } from './service.ts';

/** Ideas come in bursts of 10, then one every 3 seconds per connection: enough for anyone typing. */
const IDEA: Rate = { lane: 'idea', burst: 10, perSecond: 1 / 3 };

export const ideasServer = defineServerFeature({
	feature: ideas,
	create: (core) => new IdeaBoards(core),
	handlers: (boards) => ({
		'ideas:setup': {
			who: 'facilitator',
			run: (input, { session }) => boards.setup(session.workshopId, input)
		},
		// Facilitators add ideas for people without a device: the same command, the same anonymous idea.
		'ideas:add': {
			who: 'member',
			rate: IDEA,
			run: ({ text }, { session }) =>
				boards.add(
					session.workshopId,
					text,
					session.kind === 'participant' ? session.participantId : null
				)
		},
		'ideas:edit': {
			who: 'member',
			run: ({ id, proof, text }, { session }) => boards.edit(session.workshopId, id, proof, text)
		},
		'ideas:withdraw': {
			who: 'member',
			run: ({ id, proof }, { session }) => boards.withdraw(session.workshopId, id, proof)
		},
		'ideas:advance': {
			who: 'facilitator',
			run: ({ to }, { session }) => boards.advance(session.workshopId, to)
		},
		'ideas:back': {
			who: 'facilitator',
			run: ({ to }, { session }) => boards.back(session.workshopId, to)
		},
		'ideas:theme-create': {
			who: 'facilitator',
			run: ({ name }, { session }) => boards.createTheme(session.workshopId, name)
		},
		'ideas:theme-rename': {
			who: 'facilitator',
			run: ({ id, name }, { session }) => boards.renameTheme(session.workshopId, id, name)
		},
		'ideas:theme-delete': {
			who: 'facilitator',
			run: ({ id }, { session }) => boards.deleteTheme(session.workshopId, id)
		},
		'ideas:move': {
			who: 'member',
			run: ({ id, theme }, { session }) =>
				boards.move(session.workshopId, id, theme, session.kind === 'participant')
		},
		'ideas:merge': {
			who: 'facilitator',
			run: ({ from, into }, { session }) => boards.merge(session.workshopId, from, into)
		},
		'ideas:hide': {
			who: 'facilitator',
			run: ({ id }, { session }) => boards.hide(session.workshopId, id)
		},
		'ideas:vote': {
			who: 'participant',
			run: ({ id, ballot }, { session }) =>
				boards.vote(session.workshopId, session.participantId, id, ballot, 'add')
		},
		'ideas:unvote': {
			who: 'participant',
			run: ({ id, ballot }, { session }) =>
				boards.vote(session.workshopId, session.participantId, id, ballot, 'remove')
		},
		'ideas:my-votes': {
			who: 'participant',
			run: ({ ballot }, { session }) =>
				boards.myVotes(session.workshopId, session.participantId, ballot)
		}
	})
});
