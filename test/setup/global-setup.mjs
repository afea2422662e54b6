export { setup as default } from "./temp-dir.mjs";
