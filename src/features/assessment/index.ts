export { LandingScreen } from "./landing-screen.tsx";
export { QuestionScreen } from "./question-screen.tsx";
