/**
 * Glossary, ground rules, check-in and check-out, breaks and written turns, in English and Welsh,
 * with easy-read versions of everything a participant sees. DESIGN.md "Words" kept exactly:
 * "Glossary", "Ground rules", "Raise hand in writing", "Start a break".
 */
import { formatCount, type EnglishForms, type WelshForms } from '../../shared/plural.ts';
import type { Language } from '../../shared/workshop.ts';
import type { GroundRule, RoundKind, RoundQuestion } from './model.ts';

export const en = {
	'glossary.heading': 'Glossary',
	'glossary.intro': 'Words used today, in plain words.',
	'glossary.empty': 'No words have been added yet.',
	'glossary.ask.heading': 'Ask what a word means',
	'glossary.ask.field': 'What does this mean?',
	'glossary.ask.hint': 'Type the word. Your name is not sent.',
	'glossary.ask.button': 'Ask',
	'glossary.ask.sent': 'Sent. The facilitator will explain it.',
	'glossary.ask.known': 'This word is in the glossary: {meaning}',
	'rules.heading': 'Ground rules',
	'rules.intro': 'How we work together today.',
	'rules.joined': 'Please read these before we start. You can come back to them at any time.',
	'rules.joined.done': 'I have read the ground rules',
	'rules.open': 'Read the ground rules',
	'rules.default.equal': 'Everyone here is an equal. Everyone has something to offer.',
	'rules.default.one-at-a-time': 'One person speaks at a time. Use the queue to ask for a turn.',
	'rules.default.plain-words': 'Use plain words. Ask if something is not clear.',
	'rules.default.pass': 'You can pass on any question, without saying why.',
	'rules.default.ideas-not-people': 'Question ideas, not people. Be kind, even when you disagree.',
	'rules.default.private': 'What people share about their lives stays in this room.',
	'rules.default.signals':
		'Tap "Slow down" or "Plain words please" at any time. Nobody sees who tapped.',
	'rules.default.breaks': 'Take a break whenever you need one. You do not need to ask.',
	'rules.suggest.field': 'Suggest a ground rule',
	'rules.suggest.button': 'Suggest',
	'rules.suggest.sent': 'Thank you. The facilitator will look at your suggestion.',
	'round.heading.check-in': 'Check-in',
	'round.heading.check-out': 'Check-out',
	'round.question.check-in': 'How are you arriving today?',
	'round.question.check-out': 'How are you leaving today?',
	'round.hint': 'You can speak, write a short answer, or pass.',
	'round.answer.field': 'Your answer',
	'round.answer.button': 'Send answer',
	'round.answer.sent': 'Your answer was sent.',
	'round.answer.withdraw': 'Take back my answer',
	'written.raise': 'Raise hand in writing',
	'written.field': 'Your point',
	'written.hint': 'Up to 500 characters. The facilitator reads it out when your turn comes.',
	'written.display': 'When it is read out or shown',
	'written.display.with-name': 'Show with my name',
	'written.display.without-name': 'Show without my name',
	'written.button': 'Add to queue',
	'written.label': 'Written point',
	'written.by': 'Written by {name}',
	'written.anonymous': 'Written point, name not shown',
	'written.added': 'Your written point is in the speaking queue.',
	'written.cancel': 'Cancel',
	'break.heading': 'Break',
	'break.now': 'We are on a break.',
	'break.left': 'Time left: {time}',
	'break.back': 'We start again at about {time}.',
	'break.over': 'Break time is up. We will start again soon.',
	'announce.break.started': 'A break has started.',
	'announce.break.ended': 'The break has ended.',
	'error.duplicate': 'That is already in the list.',
	'error.too-many': 'The list is full.',
	'error.invalid-display': 'Please choose whether to show your name.',
	'error.invalid-kind': 'That kind of round is not known.',
	'error.invalid-duration': 'That length of time is not allowed.',
	'error.already-on-break': 'A break is already running.',
	'error.no-break': 'There is no break running.',
	'error.invalid-id': 'That item could not be found.',
	'error.no-such-item': 'That item is no longer there.',
	'error.no-round': 'There is no round running.',
	'error.ask-limit':
		'You have asked 5 questions in the last 10 minutes. You can ask another in a few minutes.',
	'inclusion.facilitator.glossary.add': 'Add word',
	'inclusion.facilitator.glossary.term': 'Word or phrase',
	'inclusion.facilitator.glossary.meaning': 'Plain meaning',
	'inclusion.facilitator.glossary.edit': 'Edit word',
	'inclusion.facilitator.glossary.remove': 'Remove word',
	'inclusion.facilitator.questions.heading': 'Questions about words',
	'inclusion.facilitator.questions.none': 'No questions about words yet.',
	'inclusion.facilitator.questions.answered': 'Mark as answered',
	'inclusion.facilitator.questions.addToGlossary': 'Add to glossary',
	'inclusion.facilitator.questions.new': 'New question about a word.',
	'inclusion.facilitator.questions.hint':
		'Asked without names. They arrive together every few seconds, so the moment does not show who asked.',
	'inclusion.facilitator.rules.add': 'Add rule',
	'inclusion.facilitator.rules.edit': 'Edit rule',
	'inclusion.facilitator.rules.remove': 'Remove rule',
	'inclusion.facilitator.rules.reset': 'Use the default rules',
	'inclusion.facilitator.rules.suggestions': 'Suggested rules',
	'inclusion.facilitator.rules.accept': 'Add to ground rules',
	'inclusion.facilitator.rules.decline': 'Decline',
	'inclusion.facilitator.round.start.check-in': 'Start check-in',
	'inclusion.facilitator.round.start.check-out': 'Start check-out',
	'inclusion.facilitator.round.question': 'Question',
	'inclusion.facilitator.round.questionHint': 'Leave empty to use the usual question.',
	'inclusion.facilitator.round.end': 'End round',
	'inclusion.facilitator.break.start': 'Start a break',
	'inclusion.facilitator.break.length': 'Break length in minutes',
	'inclusion.facilitator.break.extend': 'Add 5 minutes',
	'inclusion.facilitator.break.end': 'End break',
	'inclusion.facilitator.written.readOut': 'Read this out, or show it on the room screen.',
	'inclusion.facilitator.written.heading': 'Written points',
	'inclusion.facilitator.written.now': 'Now',
	'inclusion.facilitator.written.waiting': 'Waiting',
	'inclusion.facilitator.written.show': 'Show on room screen',
	'inclusion.facilitator.written.hide': 'Take off room screen'
} as const;

export const cy: Record<keyof typeof en, string> = {
	'glossary.heading': 'Rhestr eirfa',
	'glossary.intro': 'Geiriau a ddefnyddir heddiw, mewn geiriau plaen.',
	'glossary.empty': 'Does dim geiriau wedi’u hychwanegu eto.',
	'glossary.ask.heading': 'Gofyn beth mae gair yn ei olygu',
	'glossary.ask.field': 'Beth mae hyn yn ei olygu?',
	'glossary.ask.hint': 'Teipiwch y gair. Dydy eich enw ddim yn cael ei anfon.',
	'glossary.ask.button': 'Gofyn',
	'glossary.ask.sent': 'Wedi anfon. Bydd yr hwylusydd yn ei egluro.',
	'glossary.ask.known': 'Mae’r gair hwn yn y rhestr eirfa: {meaning}',
	'rules.heading': 'Rheolau sylfaenol',
	'rules.intro': 'Sut rydyn ni’n gweithio gyda’n gilydd heddiw.',
	'rules.joined': 'Darllenwch y rhain cyn i ni ddechrau. Gallwch ddod yn ôl atyn nhw unrhyw bryd.',
	'rules.joined.done': 'Rydw i wedi darllen y rheolau sylfaenol',
	'rules.open': 'Darllen y rheolau sylfaenol',
	'rules.default.equal': 'Mae pawb yma yn gyfartal. Mae gan bawb rywbeth i’w gynnig.',
	'rules.default.one-at-a-time': 'Un person sy’n siarad ar y tro. Defnyddiwch y ciw i ofyn am dro.',
	'rules.default.plain-words': 'Defnyddiwch eiriau plaen. Gofynnwch os nad yw rhywbeth yn glir.',
	'rules.default.pass': 'Gallwch basio ar unrhyw gwestiwn, heb ddweud pam.',
	'rules.default.ideas-not-people':
		'Holwch syniadau, nid pobl. Byddwch yn garedig, hyd yn oed pan fyddwch chi’n anghytuno.',
	'rules.default.private':
		'Mae’r hyn mae pobl yn ei rannu am eu bywydau yn aros yn yr ystafell hon.',
	'rules.default.signals':
		'Tapiwch "Arafwch" neu "Geiriau plaen os gwelwch yn dda" unrhyw bryd. All neb weld pwy wnaeth dapio.',
	'rules.default.breaks': 'Cymerwch egwyl pryd bynnag mae angen un arnoch. Does dim rhaid gofyn.',
	'rules.suggest.field': 'Awgrymu rheol sylfaenol',
	'rules.suggest.button': 'Awgrymu',
	'rules.suggest.sent': 'Diolch. Bydd yr hwylusydd yn edrych ar eich awgrym.',
	'round.heading.check-in': 'Cychwyn',
	'round.heading.check-out': 'Cloi',
	'round.question.check-in': 'Sut ydych chi’n teimlo wrth gyrraedd heddiw?',
	'round.question.check-out': 'Sut ydych chi’n teimlo wrth adael heddiw?',
	'round.hint': 'Gallwch siarad, ysgrifennu ateb byr, neu basio.',
	'round.answer.field': 'Eich ateb',
	'round.answer.button': 'Anfon ateb',
	'round.answer.sent': 'Cafodd eich ateb ei anfon.',
	'round.answer.withdraw': 'Tynnu fy ateb yn ôl',
	'written.raise': 'Codi llaw yn ysgrifenedig',
	'written.field': 'Eich pwynt',
	'written.hint': 'Hyd at 500 nod. Bydd yr hwylusydd yn ei ddarllen pan ddaw eich tro.',
	'written.display': 'Pan gaiff ei ddarllen neu ei ddangos',
	'written.display.with-name': 'Dangos gyda fy enw',
	'written.display.without-name': 'Dangos heb fy enw',
	'written.button': 'Ychwanegu at y ciw',
	'written.label': 'Pwynt ysgrifenedig',
	'written.by': 'Wedi’i ysgrifennu gan {name}',
	'written.anonymous': 'Pwynt ysgrifenedig, heb ddangos enw',
	'written.added': 'Mae eich pwynt ysgrifenedig yn y ciw siarad.',
	'written.cancel': 'Canslo',
	'break.heading': 'Egwyl',
	'break.now': 'Rydyn ni ar egwyl.',
	'break.left': 'Amser ar ôl: {time}',
	'break.back': 'Rydyn ni’n ailddechrau tua {time}.',
	'break.over': 'Mae amser yr egwyl ar ben. Byddwn ni’n ailddechrau cyn bo hir.',
	'announce.break.started': 'Mae egwyl wedi dechrau.',
	'announce.break.ended': 'Mae’r egwyl wedi gorffen.',
	'error.duplicate': 'Mae hynny yn y rhestr yn barod.',
	'error.too-many': 'Mae’r rhestr yn llawn.',
	'error.invalid-display': 'Dewiswch a ydych am ddangos eich enw.',
	'error.invalid-kind': 'Dydyn ni ddim yn adnabod y math hwnnw o rownd.',
	'error.invalid-duration': 'Dydy’r hyd amser hwnnw ddim yn cael ei ganiatáu.',
	'error.already-on-break': 'Mae egwyl yn mynd ymlaen yn barod.',
	'error.no-break': 'Does dim egwyl yn mynd ymlaen.',
	'error.invalid-id': 'Doedd dim modd dod o hyd i’r eitem honno.',
	'error.no-such-item': 'Dydy’r eitem honno ddim yno bellach.',
	'error.no-round': 'Does dim rownd yn rhedeg.',
	'error.ask-limit':
		'Rydych chi wedi gofyn 5 cwestiwn yn y 10 munud diwethaf. Gallwch ofyn un arall ymhen ychydig funudau.',
	'inclusion.facilitator.glossary.add': 'Ychwanegu gair',
	'inclusion.facilitator.glossary.term': 'Gair neu ymadrodd',
	'inclusion.facilitator.glossary.meaning': 'Ystyr plaen',
	'inclusion.facilitator.glossary.edit': 'Golygu gair',
	'inclusion.facilitator.glossary.remove': 'Tynnu gair',
	'inclusion.facilitator.questions.heading': 'Cwestiynau am eiriau',
	'inclusion.facilitator.questions.none': 'Dim cwestiynau am eiriau eto.',
	'inclusion.facilitator.questions.answered': 'Nodi wedi’i ateb',
	'inclusion.facilitator.questions.addToGlossary': 'Ychwanegu at y rhestr eirfa',
	'inclusion.facilitator.questions.new': 'Cwestiwn newydd am air.',
	'inclusion.facilitator.questions.hint':
		'Wedi’u gofyn heb enwau. Maen nhw’n cyrraedd gyda’i gilydd bob ychydig eiliadau, felly dydy’r amser ddim yn dangos pwy ofynnodd.',
	'inclusion.facilitator.rules.add': 'Ychwanegu rheol',
	'inclusion.facilitator.rules.edit': 'Golygu rheol',
	'inclusion.facilitator.rules.remove': 'Tynnu rheol',
	'inclusion.facilitator.rules.reset': 'Defnyddio’r rheolau arferol',
	'inclusion.facilitator.rules.suggestions': 'Rheolau a awgrymwyd',
	'inclusion.facilitator.rules.accept': 'Ychwanegu at y rheolau sylfaenol',
	'inclusion.facilitator.rules.decline': 'Gwrthod',
	'inclusion.facilitator.round.start.check-in': 'Dechrau’r cychwyn',
	'inclusion.facilitator.round.start.check-out': 'Dechrau’r cloi',
	'inclusion.facilitator.round.question': 'Cwestiwn',
	'inclusion.facilitator.round.questionHint': 'Gadewch yn wag i ddefnyddio’r cwestiwn arferol.',
	'inclusion.facilitator.round.end': 'Gorffen y rownd',
	'inclusion.facilitator.break.start': 'Dechrau egwyl',
	'inclusion.facilitator.break.length': 'Hyd yr egwyl mewn munudau',
	'inclusion.facilitator.break.extend': 'Ychwanegu 5 munud',
	'inclusion.facilitator.break.end': 'Gorffen yr egwyl',
	'inclusion.facilitator.written.readOut':
		'Darllenwch hwn yn uchel, neu dangoswch ef ar sgrin yr ystafell.',
	'inclusion.facilitator.written.heading': 'Pwyntiau ysgrifenedig',
	'inclusion.facilitator.written.now': 'Nawr',
	'inclusion.facilitator.written.waiting': 'Yn aros',
	'inclusion.facilitator.written.show': 'Dangos ar sgrin yr ystafell',
	'inclusion.facilitator.written.hide': 'Tynnu oddi ar sgrin yr ystafell'
};

export const easyEn = {
	'glossary.heading': 'Glossary',
	'glossary.intro': 'These are words we use today. Each one has a plain meaning.',
	'glossary.empty': 'There are no words here yet.',
	'glossary.ask.heading': 'Ask what a word means',
	'glossary.ask.field': 'What does this mean?',
	'glossary.ask.hint': 'Type the word. We do not send your name.',
	'glossary.ask.button': 'Ask',
	'glossary.ask.sent': 'Sent. The facilitator will explain it.',
	'glossary.ask.known': 'This word is in the glossary. It means: {meaning}',
	'rules.heading': 'Ground rules',
	'rules.intro': 'This is how we work together today.',
	'rules.joined': 'Please read these first. You can read them again at any time.',
	'rules.joined.done': 'I have read the ground rules',
	'rules.open': 'Read the ground rules',
	'rules.default.equal': 'Everyone here is equal. Everyone has something to give.',
	'rules.default.one-at-a-time': 'One person speaks at a time. Use the queue to ask for a turn.',
	'rules.default.plain-words': 'Use plain words. Ask if something is not clear.',
	'rules.default.pass': 'You can pass on any question. You do not have to say why.',
	'rules.default.ideas-not-people': 'Talk about ideas, not people. Be kind.',
	'rules.default.private': 'People may share things about their lives. Keep these things private.',
	'rules.default.signals': 'You can tap "Slow down" at any time. Nobody sees who tapped.',
	'rules.default.breaks': 'Take a break when you need one. You do not need to ask.',
	'rules.suggest.field': 'Suggest a ground rule',
	'rules.suggest.button': 'Suggest',
	'rules.suggest.sent': 'Thank you. The facilitator will look at it.',
	'round.heading.check-in': 'Check-in',
	'round.heading.check-out': 'Check-out',
	'round.question.check-in': 'How are you arriving today?',
	'round.question.check-out': 'How are you leaving today?',
	'round.hint': 'You can speak. You can write a short answer. Or you can pass.',
	'round.answer.field': 'Your answer',
	'round.answer.button': 'Send answer',
	'round.answer.sent': 'We got your answer.',
	'round.answer.withdraw': 'Take back my answer',
	'written.raise': 'Raise hand in writing',
	'written.field': 'Your point',
	'written.hint': 'Write your point. The facilitator reads it out when it is your turn.',
	'written.display': 'When it is read out or shown',
	'written.display.with-name': 'Show with my name',
	'written.display.without-name': 'Show without my name',
	'written.button': 'Add to queue',
	'written.label': 'Written point',
	'written.by': 'Written by {name}',
	'written.anonymous': 'Written point. The name is not shown.',
	'written.added': 'Your written point is in the queue.',
	'written.cancel': 'Cancel',
	'break.heading': 'Break',
	'break.now': 'We are on a break.',
	'break.left': 'Time left: {time}',
	'break.back': 'We start again at about {time}.',
	'break.over': 'The break is over. We will start again soon.',
	'announce.break.started': 'The break has started.',
	'announce.break.ended': 'The break has ended.',
	'error.duplicate': 'That is already in the list.',
	'error.too-many': 'The list is full.',
	'error.invalid-display': 'Choose if we show your name.',
	'error.invalid-kind': 'We do not know that kind of round.',
	'error.invalid-duration': 'That time is too short or too long.',
	'error.already-on-break': 'We are already on a break.',
	'error.no-break': 'There is no break now.',
	'error.invalid-id': 'We could not find that.',
	'error.no-such-item': 'That is not there any more.',
	'error.no-round': 'There is no round now.',
	'error.ask-limit': 'You asked 5 questions just now. You can ask again in a few minutes.'
} satisfies Partial<Record<keyof typeof en, string>>;

export const easyCy: Record<keyof typeof easyEn, string> = {
	'glossary.heading': 'Rhestr eirfa',
	'glossary.intro': 'Dyma eiriau rydyn ni’n eu defnyddio heddiw. Mae gan bob un ystyr plaen.',
	'glossary.empty': 'Does dim geiriau yma eto.',
	'glossary.ask.heading': 'Gofyn beth mae gair yn ei olygu',
	'glossary.ask.field': 'Beth mae hyn yn ei olygu?',
	'glossary.ask.hint': 'Teipiwch y gair. Dydyn ni ddim yn anfon eich enw.',
	'glossary.ask.button': 'Gofyn',
	'glossary.ask.sent': 'Wedi anfon. Bydd yr hwylusydd yn ei egluro.',
	'glossary.ask.known': 'Mae’r gair hwn yn y rhestr eirfa. Mae’n golygu: {meaning}',
	'rules.heading': 'Rheolau sylfaenol',
	'rules.intro': 'Dyma sut rydyn ni’n gweithio gyda’n gilydd heddiw.',
	'rules.joined': 'Darllenwch y rhain yn gyntaf. Gallwch eu darllen eto unrhyw bryd.',
	'rules.joined.done': 'Rydw i wedi darllen y rheolau sylfaenol',
	'rules.open': 'Darllen y rheolau sylfaenol',
	'rules.default.equal': 'Mae pawb yma yn gyfartal. Mae gan bawb rywbeth i’w roi.',
	'rules.default.one-at-a-time': 'Un person sy’n siarad ar y tro. Defnyddiwch y ciw i ofyn am dro.',
	'rules.default.plain-words': 'Defnyddiwch eiriau plaen. Gofynnwch os nad yw rhywbeth yn glir.',
	'rules.default.pass': 'Gallwch basio ar unrhyw gwestiwn. Does dim rhaid i chi ddweud pam.',
	'rules.default.ideas-not-people': 'Siaradwch am syniadau, nid am bobl. Byddwch yn garedig.',
	'rules.default.private':
		'Efallai bydd pobl yn rhannu pethau am eu bywydau. Cadwch y pethau hyn yn breifat.',
	'rules.default.signals': 'Gallwch dapio "Arafwch" unrhyw bryd. All neb weld pwy wnaeth dapio.',
	'rules.default.breaks': 'Cymerwch egwyl pan fydd angen un arnoch. Does dim rhaid gofyn.',
	'rules.suggest.field': 'Awgrymu rheol sylfaenol',
	'rules.suggest.button': 'Awgrymu',
	'rules.suggest.sent': 'Diolch. Bydd yr hwylusydd yn edrych arno.',
	'round.heading.check-in': 'Cychwyn',
	'round.heading.check-out': 'Cloi',
	'round.question.check-in': 'Sut ydych chi’n teimlo wrth gyrraedd heddiw?',
	'round.question.check-out': 'Sut ydych chi’n teimlo wrth adael heddiw?',
	'round.hint': 'Gallwch siarad. Gallwch ysgrifennu ateb byr. Neu gallwch basio.',
	'round.answer.field': 'Eich ateb',
	'round.answer.button': 'Anfon ateb',
	'round.answer.sent': 'Cawson ni eich ateb.',
	'round.answer.withdraw': 'Tynnu fy ateb yn ôl',
	'written.raise': 'Codi llaw yn ysgrifenedig',
	'written.field': 'Eich pwynt',
	'written.hint': 'Ysgrifennwch eich pwynt. Bydd yr hwylusydd yn ei ddarllen pan ddaw eich tro.',
	'written.display': 'Pan gaiff ei ddarllen neu ei ddangos',
	'written.display.with-name': 'Dangos gyda fy enw',
	'written.display.without-name': 'Dangos heb fy enw',
	'written.button': 'Ychwanegu at y ciw',
	'written.label': 'Pwynt ysgrifenedig',
	'written.by': 'Wedi’i ysgrifennu gan {name}',
	'written.anonymous': 'Pwynt ysgrifenedig. Dydy’r enw ddim yn cael ei ddangos.',
	'written.added': 'Mae eich pwynt ysgrifenedig yn y ciw.',
	'written.cancel': 'Canslo',
	'break.heading': 'Egwyl',
	'break.now': 'Rydyn ni ar egwyl.',
	'break.left': 'Amser ar ôl: {time}',
	'break.back': 'Rydyn ni’n ailddechrau tua {time}.',
	'break.over': 'Mae’r egwyl ar ben. Byddwn ni’n ailddechrau cyn bo hir.',
	'announce.break.started': 'Mae’r egwyl wedi dechrau.',
	'announce.break.ended': 'Mae’r egwyl wedi gorffen.',
	'error.duplicate': 'Mae hynny yn y rhestr yn barod.',
	'error.too-many': 'Mae’r rhestr yn llawn.',
	'error.invalid-display': 'Dewiswch a ydyn ni’n dangos eich enw.',
	'error.invalid-kind': 'Dydyn ni ddim yn gwybod y math hwnnw o rownd.',
	'error.invalid-duration': 'Mae’r amser hwnnw’n rhy fyr neu’n rhy hir.',
	'error.already-on-break': 'Rydyn ni ar egwyl yn barod.',
	'error.no-break': 'Does dim egwyl nawr.',
	'error.invalid-id': 'Doedden ni ddim yn gallu dod o hyd i hynny.',
	'error.no-such-item': 'Dydy hynny ddim yno bellach.',
	'error.no-round': 'Does dim rownd nawr.',
	'error.ask-limit': 'Fe ofynnoch chi 5 cwestiwn gynnau. Gallwch ofyn eto ymhen ychydig funudau.'
};

export const enCounted = {
	'inclusion.facilitator.questions.askedBy': {
		one: 'Asked by 1 person',
		other: 'Asked by {count} people'
	},
	/** "Pause live updates" (R6): the button that catches up a held list. */
	'live.showNew': { one: 'Show 1 new', other: 'Show {count} new' }
} satisfies Record<string, EnglishForms>;

const cyShowNew: WelshForms = {
	zero: 'Dangos {count} newydd',
	one: 'Dangos {count} newydd',
	two: 'Dangos {count} newydd',
	few: 'Dangos {count} newydd',
	many: 'Dangos {count} newydd',
	other: 'Dangos {count} newydd'
};

export const easyEnCounted = {
	'live.showNew': { one: 'Show 1 new', other: 'Show {count} new' }
} satisfies Partial<Record<keyof typeof enCounted, EnglishForms>>;

export const easyCyCounted: Record<keyof typeof easyEnCounted, WelshForms> = {
	'live.showNew': cyShowNew
};

export const cyCounted: Record<keyof typeof enCounted, WelshForms> = {
	'inclusion.facilitator.questions.askedBy': {
		zero: 'Gofynnwyd gan {count} o bobl',
		one: 'Gofynnwyd gan {count} person',
		two: 'Gofynnwyd gan {count} berson',
		few: 'Gofynnwyd gan {count} pherson',
		many: 'Gofynnwyd gan {count} pherson',
		other: 'Gofynnwyd gan {count} o bobl'
	},
	'live.showNew': cyShowNew
};

const catalogues = {
	en: { standard: en, easy: easyEn },
	cy: { standard: cy, easy: easyCy }
} as const;

function pick(language: Language) {
	return Object.hasOwn(catalogues, language) ? catalogues[language] : catalogues.en;
}

/** A ground rule as the reader sees it: defaults in their language (and easy read); custom as written. */
export function groundRuleText(language: Language, rule: GroundRule, easyRead = false): string {
	if (rule.kind === 'custom') return rule.text;
	const c = pick(language);
	return (easyRead ? c.easy : c.standard)[`rules.default.${rule.key}`];
}

/** The round's question as the reader sees it. */
export function roundQuestionText(
	language: Language,
	kind: RoundKind,
	question: RoundQuestion,
	easyRead = false
): string {
	if (question.kind === 'custom') return question.text;
	const c = pick(language);
	return (easyRead ? c.easy : c.standard)[`round.question.${kind}`];
}

export function askedByText(language: Language, count: number): string {
	const forms =
		language === 'cy'
			? cyCounted['inclusion.facilitator.questions.askedBy']
			: enCounted['inclusion.facilitator.questions.askedBy'];
	return formatCount(language, count, forms);
}
