export { teardown as default } from "./temp-dir.mjs";
