export { LeadGate, type LeadGateProps } from "./lead-gate.tsx";
