// Files the Worker bundle imports as text (wrangler.toml [[rules]] type "Text"): the bot's Fluent
// texts, which Node reads from disk instead (web/node-texts.ts).
declare module '*.ftl' {
  const source: string;
  export default source;
}
