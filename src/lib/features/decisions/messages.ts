/**
 * Consent decisions in English and Welsh, with easy-read versions of everything a participant sees.
 * DESIGN.md "Words" kept exactly: "Decisions", "Proposal", "New proposal", "Start consent round",
 * "Consent", "Concern", "Object", "Reason".
 */
import type { EnglishForms, WelshForms } from '../../shared/plural.ts';

export const en = {
	'decisions.heading': 'Decisions',
	'decisions.empty': 'No decisions yet.',
	'decisions.proposal': 'Proposal',
	'decisions.stage.proposal': 'A proposal has been written.',
	'decisions.stage.clarifying': 'Clarifying round: questions to understand the proposal.',
	'decisions.stage.reaction': 'Reaction round: what each person thinks of it.',
	'decisions.stage.consent': 'Consent round: each person answers.',
	'decisions.stage.amend': 'Someone objected. The proposal can now be changed.',
	'decisions.stage.decided': 'Decided.',
	'decisions.stage.withdrawn': 'Set aside. Not decided.',
	'decisions.goRoundHint': 'Each person has a turn. You can pass.',
	'decisions.mode.named': 'Answers are named. Everyone will see who answered what.',
	'decisions.mode.anonymous': 'Answers are anonymous. Nobody will see who answered what.',
	'decisions.concernOffered': 'You can also answer "Concern".',
	'decisions.answer': 'Your answer',
	'decisions.answer.consent': 'Consent',
	'decisions.answer.concern': 'Concern',
	'decisions.answer.object': 'Object',
	'decisions.answerHint.consent': 'I can live with this and will support it.',
	'decisions.answerHint.concern': 'I can live with this, but I have a worry to share.',
	'decisions.answerHint.object': 'I think this would cause harm, or stop us reaching our aim.',
	'decisions.reason': 'Reason',
	'decisions.reasonHint.required':
		'Please say why. The group needs your reason to change the proposal.',
	'decisions.reasonHint.optional': 'Optional. Up to 500 characters.',
	'decisions.send': 'Send answer',
	'decisions.yourAnswer': 'Your answer: {answer}. You can change it until the round closes.',
	'decisions.result.consented': 'Decided by consent.',
	'decisions.result.objections':
		'There were objections. The proposal will be changed and asked again.',
	'decisions.round': 'Consent round {number}',
	'decisions.counts': 'Consent: {consent}. Concern: {concern}. Object: {object}.',
	'decisions.reviewOn': 'To be looked at again on {date}.',
	'decisions.reasons': 'Reasons given',
	'decisions.reasonBy': '{name}: {reason}',
	'decisions.amended': 'The proposal was changed.',
	'announce.decisions.roundOpen': 'A consent round has started.',
	'announce.decisions.roundClosed': 'The consent round has closed.',
	'error.wrong-stage': 'That cannot be done at this step.',
	'error.concern-not-allowed': '"Concern" is not offered in this round.',
	'error.reason-required': 'Please give a reason for your objection.',
	'error.no-answers': 'Nobody has answered yet.',
	'error.invalid-answer': 'Please choose an answer.',
	'error.invalid-mode': 'Please choose named or anonymous answers.',
	'error.invalid-voter': 'We could not tell who sent that answer.',
	'error.too-many-rounds': 'This proposal has had too many rounds. Please write a new proposal.',
	'error.invalid-date': 'Please give a real date.',
	'error.date-in-past': 'That date has already passed.',
	'error.date-too-far': 'That date is too far away.',
	'decisions.facilitator.new': 'New proposal',
	'decisions.facilitator.startClarifying': 'Start clarifying round',
	'decisions.facilitator.startReaction': 'Start reaction round',
	'decisions.facilitator.amend': 'Change proposal',
	'decisions.facilitator.startConsent': 'Start consent round',
	'decisions.facilitator.closeConsent': 'Close consent round',
	'decisions.facilitator.cancelConsent': 'Cancel consent round',
	'decisions.facilitator.withdraw': 'Set proposal aside',
	'decisions.facilitator.mode': 'Answers in the consent round',
	'decisions.facilitator.mode.named': 'Named',
	'decisions.facilitator.mode.anonymous': 'Anonymous',
	'decisions.facilitator.concern': 'Offer "Concern" as an answer',
	'decisions.facilitator.fixedHint':
		'These are fixed once the round starts, and everyone sees them.',
	'decisions.facilitator.reviewDate': 'Review date'
} as const;

export const cy: Record<keyof typeof en, string> = {
	'decisions.heading': 'Penderfyniadau',
	'decisions.empty': 'Dim penderfyniadau eto.',
	'decisions.proposal': 'Cynnig',
	'decisions.stage.proposal': 'Mae cynnig wedi’i ysgrifennu.',
	'decisions.stage.clarifying': 'Rownd egluro: cwestiynau i ddeall y cynnig.',
	'decisions.stage.reaction': 'Rownd ymateb: beth mae pob person yn ei feddwl ohono.',
	'decisions.stage.consent': 'Rownd cydsynio: mae pob person yn ateb.',
	'decisions.stage.amend': 'Roedd rhywun yn gwrthwynebu. Gellir newid y cynnig nawr.',
	'decisions.stage.decided': 'Wedi’i benderfynu.',
	'decisions.stage.withdrawn': 'Wedi’i roi o’r neilltu. Heb ei benderfynu.',
	'decisions.goRoundHint': 'Mae pob person yn cael tro. Gallwch basio.',
	'decisions.mode.named': 'Mae’r atebion wedi’u henwi. Bydd pawb yn gweld pwy atebodd beth.',
	'decisions.mode.anonymous': 'Mae’r atebion yn ddienw. Fydd neb yn gweld pwy atebodd beth.',
	'decisions.concernOffered': 'Gallwch hefyd ateb "Pryder".',
	'decisions.answer': 'Eich ateb',
	'decisions.answer.consent': 'Cydsynio',
	'decisions.answer.concern': 'Pryder',
	'decisions.answer.object': 'Gwrthwynebu',
	'decisions.answerHint.consent': 'Gallaf fyw gyda hyn a byddaf yn ei gefnogi.',
	'decisions.answerHint.concern': 'Gallaf fyw gyda hyn, ond mae gen i bryder i’w rannu.',
	'decisions.answerHint.object':
		'Rwy’n meddwl y byddai hyn yn achosi niwed, neu’n ein rhwystro rhag cyrraedd ein nod.',
	'decisions.reason': 'Rheswm',
	'decisions.reasonHint.required':
		'Dywedwch pam, os gwelwch yn dda. Mae angen eich rheswm ar y grŵp i newid y cynnig.',
	'decisions.reasonHint.optional': 'Dewisol. Hyd at 500 nod.',
	'decisions.send': 'Anfon ateb',
	'decisions.yourAnswer': 'Eich ateb: {answer}. Gallwch ei newid nes bydd y rownd yn cau.',
	'decisions.result.consented': 'Wedi’i benderfynu drwy gydsyniad.',
	'decisions.result.objections':
		'Roedd gwrthwynebiadau. Bydd y cynnig yn cael ei newid a’i ofyn eto.',
	'decisions.round': 'Rownd cydsynio {number}',
	'decisions.counts': 'Cydsynio: {consent}. Pryder: {concern}. Gwrthwynebu: {object}.',
	'decisions.reviewOn': 'I edrych arno eto ar {date}.',
	'decisions.reasons': 'Rhesymau a roddwyd',
	'decisions.reasonBy': '{name}: {reason}',
	'decisions.amended': 'Cafodd y cynnig ei newid.',
	'announce.decisions.roundOpen': 'Mae rownd cydsynio wedi dechrau.',
	'announce.decisions.roundClosed': 'Mae’r rownd cydsynio wedi cau.',
	'error.wrong-stage': 'Does dim modd gwneud hynny ar y cam hwn.',
	'error.concern-not-allowed': 'Dydy "Pryder" ddim yn cael ei gynnig yn y rownd hon.',
	'error.reason-required': 'Rhowch reswm dros eich gwrthwynebiad, os gwelwch yn dda.',
	'error.no-answers': 'Does neb wedi ateb eto.',
	'error.invalid-answer': 'Dewiswch ateb, os gwelwch yn dda.',
	'error.invalid-mode': 'Dewiswch atebion wedi’u henwi neu’n ddienw.',
	'error.invalid-voter': 'Doedden ni ddim yn gallu dweud pwy anfonodd yr ateb hwnnw.',
	'error.too-many-rounds':
		'Mae’r cynnig hwn wedi cael gormod o rowndiau. Ysgrifennwch gynnig newydd, os gwelwch yn dda.',
	'error.invalid-date': 'Rhowch ddyddiad go iawn, os gwelwch yn dda.',
	'error.date-in-past': 'Mae’r dyddiad hwnnw wedi mynd heibio.',
	'error.date-too-far': 'Mae’r dyddiad hwnnw’n rhy bell i ffwrdd.',
	'decisions.facilitator.new': 'Cynnig newydd',
	'decisions.facilitator.startClarifying': 'Dechrau rownd egluro',
	'decisions.facilitator.startReaction': 'Dechrau rownd ymateb',
	'decisions.facilitator.amend': 'Newid y cynnig',
	'decisions.facilitator.startConsent': 'Dechrau rownd cydsynio',
	'decisions.facilitator.closeConsent': 'Cau’r rownd cydsynio',
	'decisions.facilitator.cancelConsent': 'Canslo’r rownd cydsynio',
	'decisions.facilitator.withdraw': 'Rhoi’r cynnig o’r neilltu',
	'decisions.facilitator.mode': 'Atebion yn y rownd cydsynio',
	'decisions.facilitator.mode.named': 'Wedi’u henwi',
	'decisions.facilitator.mode.anonymous': 'Dienw',
	'decisions.facilitator.concern': 'Cynnig "Pryder" fel ateb',
	'decisions.facilitator.fixedHint':
		'Mae’r rhain yn sefydlog unwaith bydd y rownd yn dechrau, ac mae pawb yn eu gweld.',
	'decisions.facilitator.reviewDate': 'Dyddiad adolygu'
};

export const easyEn = {
	'decisions.heading': 'Decisions',
	'decisions.empty': 'We have not decided anything yet.',
	'decisions.proposal': 'Proposal',
	'decisions.stage.proposal': 'There is a proposal. A proposal is an idea for the group to decide.',
	'decisions.stage.clarifying': 'Now you can ask questions about the proposal.',
	'decisions.stage.reaction': 'Now each person says what they think.',
	'decisions.stage.consent': 'Now each person gives their answer.',
	'decisions.stage.amend': 'Someone said no. We can change the proposal.',
	'decisions.stage.decided': 'We decided this.',
	'decisions.stage.withdrawn': 'We did not decide this.',
	'decisions.goRoundHint': 'Each person has a turn. You can pass.',
	'decisions.mode.named': 'Everyone will see your answer and your name.',
	'decisions.mode.anonymous': 'Nobody will see who gave which answer.',
	'decisions.concernOffered': 'You can also answer "Concern".',
	'decisions.answer': 'Your answer',
	'decisions.answer.consent': 'Consent',
	'decisions.answer.concern': 'Concern',
	'decisions.answer.object': 'Object',
	'decisions.answerHint.consent': 'Yes. I am OK with this.',
	'decisions.answerHint.concern': 'Yes. But I am worried about something.',
	'decisions.answerHint.object': 'No. I think this will cause a problem.',
	'decisions.reason': 'Reason',
	'decisions.reasonHint.required': 'Please say why. This helps us change the proposal.',
	'decisions.reasonHint.optional': 'You can say why if you want to.',
	'decisions.send': 'Send answer',
	'decisions.yourAnswer': 'Your answer is {answer}. You can change it for now.',
	'decisions.result.consented': 'We decided this together.',
	'decisions.result.objections':
		'Some people said no. We will change the proposal. Then we ask again.',
	'decisions.round': 'Consent round {number}',
	'decisions.counts': 'Consent: {consent}. Concern: {concern}. Object: {object}.',
	'decisions.reviewOn': 'We will look at this again on {date}.',
	'decisions.reasons': 'Reasons people gave',
	'decisions.reasonBy': '{name}: {reason}',
	'decisions.amended': 'We changed the proposal.',
	'announce.decisions.roundOpen': 'Please give your answer now.',
	'announce.decisions.roundClosed': 'The answers are in.',
	'error.wrong-stage': 'You cannot do that now.',
	'error.concern-not-allowed': 'You cannot answer "Concern" this time.',
	'error.reason-required': 'Please say why you object.',
	'error.no-answers': 'Nobody has answered yet.',
	'error.invalid-answer': 'Please choose an answer.',
	'error.invalid-mode': 'Choose named or anonymous answers.',
	'error.invalid-voter': 'We do not know who sent that.',
	'error.too-many-rounds': 'We asked too many times. Please write a new proposal.',
	'error.invalid-date': 'Please give a real date.',
	'error.date-in-past': 'That date has already gone.',
	'error.date-too-far': 'That date is too far away.'
} satisfies Partial<Record<keyof typeof en, string>>;

export const easyCy: Record<keyof typeof easyEn, string> = {
	'decisions.heading': 'Penderfyniadau',
	'decisions.empty': 'Dydyn ni ddim wedi penderfynu dim byd eto.',
	'decisions.proposal': 'Cynnig',
	'decisions.stage.proposal': 'Mae cynnig. Syniad i’r grŵp ei benderfynu ydy cynnig.',
	'decisions.stage.clarifying': 'Nawr gallwch ofyn cwestiynau am y cynnig.',
	'decisions.stage.reaction': 'Nawr mae pob person yn dweud beth mae’n ei feddwl.',
	'decisions.stage.consent': 'Nawr mae pob person yn rhoi ei ateb.',
	'decisions.stage.amend': 'Dywedodd rhywun na. Gallwn ni newid y cynnig.',
	'decisions.stage.decided': 'Fe wnaethon ni benderfynu hyn.',
	'decisions.stage.withdrawn': 'Wnaethon ni ddim penderfynu hyn.',
	'decisions.goRoundHint': 'Mae pob person yn cael tro. Gallwch basio.',
	'decisions.mode.named': 'Bydd pawb yn gweld eich ateb a’ch enw.',
	'decisions.mode.anonymous': 'Fydd neb yn gweld pwy roddodd pa ateb.',
	'decisions.concernOffered': 'Gallwch hefyd ateb "Pryder".',
	'decisions.answer': 'Eich ateb',
	'decisions.answer.consent': 'Cydsynio',
	'decisions.answer.concern': 'Pryder',
	'decisions.answer.object': 'Gwrthwynebu',
	'decisions.answerHint.consent': 'Ydw. Rwy’n iawn gyda hyn.',
	'decisions.answerHint.concern': 'Ydw. Ond rwy’n poeni am rywbeth.',
	'decisions.answerHint.object': 'Na. Rwy’n meddwl y bydd hyn yn achosi problem.',
	'decisions.reason': 'Rheswm',
	'decisions.reasonHint.required':
		'Dywedwch pam, os gwelwch yn dda. Mae hyn yn ein helpu i newid y cynnig.',
	'decisions.reasonHint.optional': 'Gallwch ddweud pam os ydych chi eisiau.',
	'decisions.send': 'Anfon ateb',
	'decisions.yourAnswer': 'Eich ateb ydy {answer}. Gallwch ei newid am y tro.',
	'decisions.result.consented': 'Fe wnaethon ni benderfynu hyn gyda’n gilydd.',
	'decisions.result.objections':
		'Dywedodd rhai pobl na. Byddwn ni’n newid y cynnig. Yna byddwn ni’n gofyn eto.',
	'decisions.round': 'Rownd cydsynio {number}',
	'decisions.counts': 'Cydsynio: {consent}. Pryder: {concern}. Gwrthwynebu: {object}.',
	'decisions.reviewOn': 'Byddwn ni’n edrych ar hyn eto ar {date}.',
	'decisions.reasons': 'Rhesymau a roddodd pobl',
	'decisions.reasonBy': '{name}: {reason}',
	'decisions.amended': 'Fe wnaethon ni newid y cynnig.',
	'announce.decisions.roundOpen': 'Rhowch eich ateb nawr, os gwelwch yn dda.',
	'announce.decisions.roundClosed': 'Mae’r atebion i mewn.',
	'error.wrong-stage': 'Allwch chi ddim gwneud hynny nawr.',
	'error.concern-not-allowed': 'Allwch chi ddim ateb "Pryder" y tro hwn.',
	'error.reason-required': 'Dywedwch pam rydych chi’n gwrthwynebu, os gwelwch yn dda.',
	'error.no-answers': 'Does neb wedi ateb eto.',
	'error.invalid-answer': 'Dewiswch ateb, os gwelwch yn dda.',
	'error.invalid-mode': 'Dewiswch atebion wedi’u henwi neu’n ddienw.',
	'error.invalid-voter': 'Dydyn ni ddim yn gwybod pwy anfonodd hynny.',
	'error.too-many-rounds': 'Fe wnaethon ni ofyn gormod o weithiau. Ysgrifennwch gynnig newydd.',
	'error.invalid-date': 'Rhowch ddyddiad go iawn, os gwelwch yn dda.',
	'error.date-in-past': 'Mae’r dyddiad hwnnw wedi mynd.',
	'error.date-too-far': 'Mae’r dyddiad hwnnw’n rhy bell i ffwrdd.'
};

export const enCounted = {
	'decisions.answered': {
		one: '{count} of {total} has answered.',
		other: '{count} of {total} have answered.'
	},
	'decisions.notAnswered': {
		one: '1 person did not answer.',
		other: '{count} people did not answer.'
	}
} satisfies Record<string, EnglishForms>;

export const cyCounted: Record<keyof typeof enCounted, WelshForms> = {
	'decisions.answered': {
		zero: 'Mae {count} o {total} wedi ateb.',
		one: 'Mae {count} o {total} wedi ateb.',
		two: 'Mae {count} o {total} wedi ateb.',
		few: 'Mae {count} o {total} wedi ateb.',
		many: 'Mae {count} o {total} wedi ateb.',
		other: 'Mae {count} o {total} wedi ateb.'
	},
	'decisions.notAnswered': {
		zero: 'Wnaeth {count} o bobl ddim ateb.',
		one: 'Wnaeth {count} person ddim ateb.',
		two: 'Wnaeth {count} berson ddim ateb.',
		few: 'Wnaeth {count} pherson ddim ateb.',
		many: 'Wnaeth {count} pherson ddim ateb.',
		other: 'Wnaeth {count} o bobl ddim ateb.'
	}
};

export const easyEnCounted = {
	'decisions.answered': {
		one: '{count} of {total} has answered.',
		other: '{count} of {total} have answered.'
	},
	'decisions.notAnswered': {
		one: '1 person did not answer.',
		other: '{count} people did not answer.'
	}
} satisfies Partial<Record<keyof typeof enCounted, EnglishForms>>;

export const easyCyCounted: Record<keyof typeof easyEnCounted, WelshForms> = cyCounted;
