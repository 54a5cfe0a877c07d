// Every Samspel screen, loaded on first use so that the shell stays small.

export { showAreas, showArea, showNewArea, showProposal } from "./areas";
export { showNewPrecedent } from "./precedents";
export { showAgreements, showAgreement } from "./agreements";
export { showDeviations, showDeviation, showNewDeviation } from "./deviations";
export { showVersions, showVersion, showDiff } from "./instruction";
export { showHub, showCrisis } from "./hub";
export { fill as fillIdag } from "./idag";
