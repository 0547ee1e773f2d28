// The types generated from the Rust core and shell (./bindings, never edited by hand).
export type * from './bindings/index';
