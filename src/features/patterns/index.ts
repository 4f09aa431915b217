export { PatternScreen } from "./pattern-screen.tsx";
