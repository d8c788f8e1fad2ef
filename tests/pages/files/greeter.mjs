// A JS module for the js_import and js_modules tests.
export const name = "greeter";
export function greet(who) {
  return `Hello, ${who}!`;
}
