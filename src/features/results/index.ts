export { ResultsScreen } from "./results-screen.tsx";
export { SharedResultScreen } from "./shared-result-screen.tsx";
