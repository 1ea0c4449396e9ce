/** What the browser needs to sign in with Firebase Auth; read by the server page, passed as props. */
export interface FirebaseClientConfig {
  apiKey: string;
  projectId: string;
  authDomain: string;
  /** `host:port` of the Auth emulator in development; null against real Firebase Auth. */
  authEmulatorHost: string | null;
}
