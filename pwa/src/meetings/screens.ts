// The meeting screens, loaded on demand (a dynamic import from ../meetings.ts) so the
// first load of the app stays small. Their styles are in meetings.css, which app.css
// imports: a chunk's own CSS would not be loaded by the browser.

export { showActions } from "./actions";
export { showCalendar } from "./calendar";
export { showDecision, showDecisions } from "./followup";
export { showMeetings } from "./list";
export { showMeeting } from "./meeting";
export { showSearch } from "./search";
export { showNewSeries } from "./series";
