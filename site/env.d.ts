/// <reference types="astro/client" />
import type { Session, SessionUser } from '../src/auth/session.ts';

declare global {
  namespace App {
    /** What the middleware learns about each on-demand request. */
    interface Locals {
      /** The signed-in person, or null for a visitor. */
      user: SessionUser | null;
      /** Their session, or null. */
      session: Session | null;
    }
  }
}
