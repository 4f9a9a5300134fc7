/**
 * Close-out in English and Welsh, with easy-read versions of what participants see. DESIGN.md
 * "Words" kept exactly: "Did you feel heard?" ("Yes", "Partly", "No"), "How much did we decide
 * together?", "Ask for feedback", "Close workshop", "Download record", "Delete workshop now".
 */
import type { EnglishForms, WelshForms } from '../../shared/plural.ts';

export const en = {
	'closeout.heading': 'Before you go',
	'naming.withdraw': 'Take my name out of the decisions',
	'naming.withdrawHint': 'Your name and reasons come out of named answers. The counts stay.',
	'naming.withdrawn': 'Done. Your name is no longer in any decision.',
	'closeout.respondentsCount': 'People who answered: {count}.',
	'closeout.results.count': '{label}: {count}',
	'closeout.shared': 'The facilitator has shared what people said.',
	'naming.save': 'Save how I am named',
	'naming.saved': 'Saved. The record will name you this way.',
	'announce.closeout.open': 'Feedback is open. Your answers are anonymous.',
	'closeout.facilitator.results': 'Feedback results',
	'closeout.facilitator.notYet': 'Results show once feedback is closed.',
	'closeout.facilitator.done': 'Done.',
	'closeout.intro': 'Your answers are anonymous. Nobody sees who gave which answer.',
	'closeout.heard': 'Did you feel heard?',
	'closeout.heard.yes': 'Yes',
	'closeout.heard.partly': 'Partly',
	'closeout.heard.no': 'No',
	'closeout.ladder': 'How much did we decide together?',
	'closeout.ladder.informed': 'Informed',
	'closeout.ladder.consulted': 'Consulted',
	'closeout.ladder.engaged': 'Engaged',
	'closeout.ladder.co-designed': 'Co-designed',
	'closeout.ladder.co-produced': 'Co-produced',
	'closeout.ladderHint.informed': 'We were told what had been decided.',
	'closeout.ladderHint.consulted': 'We were asked for our views, but others decided.',
	'closeout.ladderHint.engaged': 'Our views shaped what was decided.',
	'closeout.ladderHint.co-designed': 'We designed it together, as equals.',
	'closeout.ladderHint.co-produced': 'We designed it, decided it and will do it together.',
	'closeout.comment': 'Anything you want to add',
	'closeout.commentHint': 'Optional. Up to 500 characters. Please do not include names.',
	'closeout.send': 'Send feedback',
	'closeout.sent': 'Thank you. You can change your answers until feedback closes.',
	'closeout.closed': 'Feedback has closed.',
	'closeout.results.heading': 'What people said',
	'closeout.results.tooFew': 'Fewer than 3 people answered, so there are no results to show.',
	'closeout.results.rolesWithheld':
		'Some groups are not shown, so that nobody can work out the answers of fewer than 3 people.',
	'naming.heading': 'How I am named in the record',
	'naming.hint':
		'The record is what the facilitator keeps after today. You can change this until the workshop closes.',
	'naming.name': 'My name: {name}',
	'naming.initials': 'My initials: {initials}',
	'naming.participant': 'Only as "a participant"',
	'naming.participantLabel': 'A participant',
	'naming.paymentHint': 'If you are being paid for your time, the facilitator may need your name.',
	'error.feedback-closed': 'Feedback is not open.',
	'error.invalid-respondent': 'We could not tell who sent that.',
	'closeout.facilitator.ask': 'Ask for feedback',
	'closeout.facilitator.stop': 'Close feedback',
	'closeout.facilitator.share': 'Show results to everyone',
	'closeout.facilitator.closeWorkshop': 'Close workshop',
	'closeout.facilitator.closeConfirm': 'Close the workshop for everyone? It becomes read-only.',
	'closeout.facilitator.download': 'Download record',
	'closeout.facilitator.delete': 'Delete workshop now',
	'closeout.facilitator.deleteConfirm':
		'Delete everything in this workshop now? This cannot be undone.',
	'closeout.facilitator.byRole': 'By role',
	'closeout.results.otherRoles': 'Other roles together'
} as const;

export const cy: Record<keyof typeof en, string> = {
	'closeout.heading': 'Cyn i chi fynd',
	'naming.withdraw': 'Tynnu fy enw allan o’r penderfyniadau',
	'naming.withdrawHint':
		'Daw eich enw a’ch rhesymau allan o atebion wedi’u henwi. Mae’r cyfrif yn aros.',
	'naming.withdrawn': 'Wedi gwneud. Dydy eich enw ddim mewn unrhyw benderfyniad bellach.',
	'closeout.respondentsCount': 'Pobl a atebodd: {count}.',
	'closeout.results.count': '{label}: {count}',
	'closeout.shared': 'Mae’r hwylusydd wedi rhannu beth ddywedodd pobl.',
	'naming.save': 'Cadw sut rwy’n cael fy enwi',
	'naming.saved': 'Wedi’i gadw. Bydd y cofnod yn eich enwi fel hyn.',
	'announce.closeout.open': 'Mae adborth ar agor. Mae eich atebion yn ddienw.',
	'closeout.facilitator.results': 'Canlyniadau adborth',
	'closeout.facilitator.notYet': 'Bydd canlyniadau’n dangos pan fydd adborth wedi cau.',
	'closeout.facilitator.done': 'Wedi gwneud.',
	'closeout.intro': 'Mae eich atebion yn ddienw. All neb weld pwy roddodd pa ateb.',
	'closeout.heard': 'Oeddech chi’n teimlo bod pobl yn gwrando arnoch chi?',
	'closeout.heard.yes': 'Oeddwn',
	'closeout.heard.partly': 'Yn rhannol',
	'closeout.heard.no': 'Nac oeddwn',
	'closeout.ladder': 'Faint wnaethon ni ei benderfynu gyda’n gilydd?',
	'closeout.ladder.informed': 'Cael gwybod',
	'closeout.ladder.consulted': 'Ymgynghori',
	'closeout.ladder.engaged': 'Ymgysylltu',
	'closeout.ladder.co-designed': 'Cyd-ddylunio',
	'closeout.ladder.co-produced': 'Cydgynhyrchu',
	'closeout.ladderHint.informed': 'Cawson ni wybod beth oedd wedi’i benderfynu.',
	'closeout.ladderHint.consulted': 'Gofynnwyd am ein barn, ond pobl eraill wnaeth benderfynu.',
	'closeout.ladderHint.engaged': 'Roedd ein barn yn siapio beth gafodd ei benderfynu.',
	'closeout.ladderHint.co-designed': 'Fe wnaethon ni ei ddylunio gyda’n gilydd, yn gyfartal.',
	'closeout.ladderHint.co-produced':
		'Fe wnaethon ni ei ddylunio, ei benderfynu a byddwn ni’n ei wneud gyda’n gilydd.',
	'closeout.comment': 'Unrhyw beth rydych chi eisiau ei ychwanegu',
	'closeout.commentHint': 'Dewisol. Hyd at 500 nod. Peidiwch â chynnwys enwau, os gwelwch yn dda.',
	'closeout.send': 'Anfon adborth',
	'closeout.sent': 'Diolch. Gallwch newid eich atebion nes bydd yr adborth yn cau.',
	'closeout.closed': 'Mae’r adborth wedi cau.',
	'closeout.results.heading': 'Beth ddywedodd pobl',
	'closeout.results.tooFew': 'Atebodd llai na 3 pherson, felly does dim canlyniadau i’w dangos.',
	'closeout.results.rolesWithheld':
		'Dydy rhai grwpiau ddim yn cael eu dangos, fel na all neb weithio allan atebion llai na 3 pherson.',
	'naming.heading': 'Sut rwy’n cael fy enwi yn y cofnod',
	'naming.hint':
		'Y cofnod yw’r hyn mae’r hwylusydd yn ei gadw ar ôl heddiw. Gallwch newid hyn nes bydd y gweithdy’n cau.',
	'naming.name': 'Fy enw: {name}',
	'naming.initials': 'Fy llythrennau cyntaf: {initials}',
	'naming.participant': 'Fel "cyfranogwr" yn unig',
	'naming.participantLabel': 'Cyfranogwr',
	'naming.paymentHint':
		'Os ydych chi’n cael eich talu am eich amser, efallai bydd angen eich enw ar yr hwylusydd.',
	'error.feedback-closed': 'Dydy’r adborth ddim ar agor.',
	'error.invalid-respondent': 'Doedden ni ddim yn gallu dweud pwy anfonodd hynny.',
	'closeout.facilitator.ask': 'Gofyn am adborth',
	'closeout.facilitator.stop': 'Cau’r adborth',
	'closeout.facilitator.share': 'Dangos y canlyniadau i bawb',
	'closeout.facilitator.closeWorkshop': 'Cau’r gweithdy',
	'closeout.facilitator.closeConfirm': 'Cau’r gweithdy i bawb? Bydd yn troi’n ddarllen yn unig.',
	'closeout.facilitator.download': 'Llwytho’r cofnod i lawr',
	'closeout.facilitator.delete': 'Dileu’r gweithdy nawr',
	'closeout.facilitator.deleteConfirm':
		'Dileu popeth yn y gweithdy hwn nawr? Does dim modd dadwneud hyn.',
	'closeout.facilitator.byRole': 'Yn ôl rôl',
	'closeout.results.otherRoles': 'Rolau eraill gyda’i gilydd'
};

export const easyEn = {
	'closeout.heading': 'Before you go',
	'naming.withdraw': 'Take my name out of the decisions',
	'naming.withdrawHint': 'We take out your name and your reasons. The numbers stay the same.',
	'naming.withdrawn': 'Done. Your name is not in the decisions now.',
	'closeout.respondentsCount': 'People who answered: {count}.',
	'closeout.results.count': '{label}: {count}',
	'closeout.shared': 'The facilitator has shared what people said.',
	'naming.save': 'Save how I am named',
	'naming.saved': 'Saved. The record will name you this way.',
	'announce.closeout.open': 'Please tell us how it went. Nobody will know your answers.',
	'closeout.intro': 'Nobody will know which answers are yours.',
	'closeout.heard': 'Did you feel heard?',
	'closeout.heard.yes': 'Yes',
	'closeout.heard.partly': 'Partly',
	'closeout.heard.no': 'No',
	'closeout.ladder': 'How much did we decide together?',
	'closeout.ladder.informed': 'Informed',
	'closeout.ladder.consulted': 'Consulted',
	'closeout.ladder.engaged': 'Engaged',
	'closeout.ladder.co-designed': 'Co-designed',
	'closeout.ladder.co-produced': 'Co-produced',
	'closeout.ladderHint.informed': 'They told us what they decided.',
	'closeout.ladderHint.consulted': 'They asked us what we think. Then they decided.',
	'closeout.ladderHint.engaged': 'What we said changed what they decided.',
	'closeout.ladderHint.co-designed': 'We planned it together. We were equal.',
	'closeout.ladderHint.co-produced':
		'We planned it together. We decided together. We will do it together.',
	'closeout.comment': 'Anything you want to add',
	'closeout.commentHint': 'You do not have to write anything. Please do not write names.',
	'closeout.send': 'Send feedback',
	'closeout.sent': 'Thank you. You can change your answers for now.',
	'closeout.closed': 'You cannot send feedback now.',
	'closeout.results.heading': 'What people said',
	'closeout.results.tooFew': 'Not enough people answered. So we do not show the answers.',
	'closeout.results.rolesWithheld': 'Some groups are too small. So we do not show them.',
	'closeout.results.otherRoles': 'People with other roles',
	'naming.heading': 'How I am named in the record',
	'naming.hint': 'The record is notes about today. You choose how it names you.',
	'naming.name': 'My name: {name}',
	'naming.initials': 'My initials: {initials}',
	'naming.participant': 'Only as "a participant"',
	'naming.participantLabel': 'A participant',
	'naming.paymentHint': 'Are you being paid for today? Then we may need your name.',
	'error.feedback-closed': 'You cannot send feedback now.',
	'error.invalid-respondent': 'We do not know who sent that.'
} satisfies Partial<Record<keyof typeof en, string>>;

export const easyCy: Record<keyof typeof easyEn, string> = {
	'closeout.heading': 'Cyn i chi fynd',
	'naming.withdraw': 'Tynnu fy enw allan o’r penderfyniadau',
	'naming.withdrawHint':
		'Rydyn ni’n tynnu eich enw a’ch rhesymau allan. Mae’r rhifau’n aros yr un fath.',
	'naming.withdrawn': 'Wedi gwneud. Dydy eich enw ddim yn y penderfyniadau nawr.',
	'closeout.respondentsCount': 'Pobl a atebodd: {count}.',
	'closeout.results.count': '{label}: {count}',
	'closeout.shared': 'Mae’r hwylusydd wedi rhannu beth ddywedodd pobl.',
	'naming.save': 'Cadw sut rwy’n cael fy enwi',
	'naming.saved': 'Wedi’i gadw. Bydd y cofnod yn eich enwi fel hyn.',
	'announce.closeout.open': 'Dywedwch wrthon ni sut aeth hi. Fydd neb yn gwybod eich atebion.',
	'closeout.intro': 'Fydd neb yn gwybod pa atebion sy’n perthyn i chi.',
	'closeout.heard': 'Oeddech chi’n teimlo bod pobl yn gwrando arnoch chi?',
	'closeout.heard.yes': 'Oeddwn',
	'closeout.heard.partly': 'Yn rhannol',
	'closeout.heard.no': 'Nac oeddwn',
	'closeout.ladder': 'Faint wnaethon ni ei benderfynu gyda’n gilydd?',
	'closeout.ladder.informed': 'Cael gwybod',
	'closeout.ladder.consulted': 'Ymgynghori',
	'closeout.ladder.engaged': 'Ymgysylltu',
	'closeout.ladder.co-designed': 'Cyd-ddylunio',
	'closeout.ladder.co-produced': 'Cydgynhyrchu',
	'closeout.ladderHint.informed': 'Fe ddywedon nhw wrthym beth wnaethon nhw ei benderfynu.',
	'closeout.ladderHint.consulted':
		'Fe ofynnon nhw beth rydyn ni’n ei feddwl. Yna fe wnaethon nhw benderfynu.',
	'closeout.ladderHint.engaged': 'Newidiodd ein geiriau beth wnaethon nhw ei benderfynu.',
	'closeout.ladderHint.co-designed':
		'Fe wnaethon ni ei gynllunio gyda’n gilydd. Roedden ni’n gyfartal.',
	'closeout.ladderHint.co-produced':
		'Fe wnaethon ni ei gynllunio gyda’n gilydd. Fe wnaethon ni benderfynu gyda’n gilydd. Byddwn ni’n ei wneud gyda’n gilydd.',
	'closeout.comment': 'Unrhyw beth rydych chi eisiau ei ychwanegu',
	'closeout.commentHint': 'Does dim rhaid i chi ysgrifennu dim. Peidiwch ag ysgrifennu enwau.',
	'closeout.send': 'Anfon adborth',
	'closeout.sent': 'Diolch. Gallwch newid eich atebion am y tro.',
	'closeout.closed': 'Allwch chi ddim anfon adborth nawr.',
	'closeout.results.heading': 'Beth ddywedodd pobl',
	'closeout.results.tooFew':
		'Wnaeth dim digon o bobl ateb. Felly dydyn ni ddim yn dangos yr atebion.',
	'closeout.results.rolesWithheld':
		'Mae rhai grwpiau yn rhy fach. Felly dydyn ni ddim yn eu dangos.',
	'closeout.results.otherRoles': 'Pobl â rolau eraill',
	'naming.heading': 'Sut rwy’n cael fy enwi yn y cofnod',
	'naming.hint': 'Nodiadau am heddiw yw’r cofnod. Chi sy’n dewis sut mae’n eich enwi.',
	'naming.name': 'Fy enw: {name}',
	'naming.initials': 'Fy llythrennau cyntaf: {initials}',
	'naming.participant': 'Fel "cyfranogwr" yn unig',
	'naming.participantLabel': 'Cyfranogwr',
	'naming.paymentHint':
		'Ydych chi’n cael eich talu am heddiw? Yna efallai bydd angen eich enw arnom.',
	'error.feedback-closed': 'Allwch chi ddim anfon adborth nawr.',
	'error.invalid-respondent': 'Dydyn ni ddim yn gwybod pwy anfonodd hynny.'
};

export const enCounted = {
	'closeout.respondents': {
		one: '1 person answered.',
		other: '{count} people answered.'
	}
} satisfies Record<string, EnglishForms>;

export const cyCounted: Record<keyof typeof enCounted, WelshForms> = {
	'closeout.respondents': {
		zero: 'Atebodd {count} o bobl.',
		one: 'Atebodd {count} person.',
		two: 'Atebodd {count} berson.',
		few: 'Atebodd {count} pherson.',
		many: 'Atebodd {count} pherson.',
		other: 'Atebodd {count} o bobl.'
	}
};

export const easyEnCounted = enCounted satisfies Partial<
	Record<keyof typeof enCounted, EnglishForms>
>;
export const easyCyCounted: Record<keyof typeof easyEnCounted, WelshForms> = cyCounted;
