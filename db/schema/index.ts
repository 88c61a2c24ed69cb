export * from "./org";
export * from "./users";
export * from "./menu";
