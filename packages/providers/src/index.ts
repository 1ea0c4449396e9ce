/** One connector per ad platform behind one interface (see README). Filled by the providers issue. */
export {};
