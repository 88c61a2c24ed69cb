export * from "./org";
export * from "./users";
export * from "./menu";
export * from "./ledger";
export * from "./vouchers";
export * from "./orders";
export * from "./platform";
export * from "./paycodes";
