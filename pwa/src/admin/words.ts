// The audit log's actions in Swedish. The server writes each event's action as a short
// code ("invite.create"); the log shows these words, and the code beside them for IT.
// A code missing here is shown as it is, so a new action is never hidden.

const words: Record<string, string> = {
  // Signing in and out
  "invite.create": "Ny inbjudan",
  "invite.redeem": "Inloggning med inbjudan",
  "passkey.sign_in": "Inloggning med nyckel",
  "oidc.sign_in": "Inloggning via organisationen",
  "session.sign_out": "Utloggning",
  "session.end": "En enhet loggades ut",
  "passkey.register": "Ny nyckel",
  "passkey.rename": "Nyckel fick nytt namn",
  "passkey.delete": "Nyckel borttagen",
  "token.create": "Ny nyckel för skript",
  "token.revoke": "Nyckel för skript återkallad",
  "token.reject": "Ogiltig nyckel för skript",
  // People and rights
  "person.disable": "Person avstängd",
  "person.enable": "Person aktiverad igen",
  "role.assign": "Roll tilldelad",
  "role.end": "Roll avslutad",
  "registrar.grant": "Registratorsbehörighet given",
  "registrar.revoke": "Registratorsbehörighet borttagen",
  "organization.create": "Ny organisation",
  "term.create": "Ny mandatperiod",
  // Exports
  "archive.export": "Export av arkivpaket",
  "archive.import": "Import av arkivpaket",
  "handover.export": "Export av överlämning",
  "personal.export": "Personlig export",
  "calendar_feed.create": "Ny kalenderprenumeration",
  "calendar_feed.revoke": "Kalenderprenumeration återkallad",
  // Meetings and notes
  "meeting_series.create": "Ny mötesserie",
  "meeting_series.update": "Mötesserie ändrad",
  "meeting.update": "Möte ändrat",
  "meeting.hold": "Möte hållet",
  "meeting.cancel": "Möte inställt",
  "meeting.finalize": "Mötesanteckningar fastställda",
  "meeting.correct": "Mötesanteckningar rättade",
  "note.share": "Anteckning delad",
  "note.correct": "Anteckning rättad",
  "reflection.submit": "Svar i reflektionssamtal",
  "political_decision.create": "Nytt beslut att följa upp",
  "political_decision.update": "Beslut att följa upp ändrat",
  // The role split, the instruction, agreements and deviations
  "area.create": "Nytt ansvarsområde",
  "area.update": "Ansvarsområde ändrat",
  "area.retire": "Ansvarsområde avvecklat",
  "area.restore": "Ansvarsområde återinfört",
  "area.comment": "Kommentar på ansvarsområde",
  "area.propose": "Förslag om ansvarsområde",
  "area.proposal.accept": "Förslag om ansvarsområde godtaget",
  "area.proposal.decline": "Förslag om ansvarsområde avböjt",
  "precedent.link": "Prejudikat",
  "instruction.draft": "Nytt utkast till instruktion",
  "instruction.update": "Utkast till instruktion ändrat",
  "instruction.review": "Instruktion skickad för granskning",
  "instruction.adopt": "Instruktion antagen",
  "instruction.delete": "Utkast till instruktion borttaget",
  "agreement.propose": "Förslag till överenskommelse",
  "agreement.accept": "Överenskommelse godtagen",
  "agreement.decline": "Överenskommelse avböjd",
  "agreement.amend": "Överenskommelse ändrad",
  "agreement.resolve": "Överenskommelse avslutad",
  "agreement.revisit": "Överenskommelse tagen upp igen",
  "deviation.log": "Avsteg anmält",
  "deviation.acknowledge": "Avsteg kvitterat",
  "deviation.comment": "Kommentar på avsteg",
  "crisis.start": "Krisläge startat",
  "crisis.end": "Krisläge avslutat",
  // The opposition
  "briefing.create": "Ny dragning",
  "briefing.hold": "Dragning hållen",
  "question.ask": "Fråga ställd",
  "question.answer": "Fråga besvarad",
  "question.assign": "Fråga fördelad",
  "question.release": "Fråga frisläppt",
  "opposition_topic.inform": "Oppositionen informerad",
  "opposition_topic.withhold": "Ämne hålls från oppositionen",
};

/** actionWords names an audit action in Swedish. */
export function actionWords(action: string): string {
  const w = words[action];
  if (w) return w;
  if (action.startsWith("rate_limit.")) return "För många försök: stoppades en stund";
  return `Händelse: ${action}`;
}
