/**
 * The emails the portal sends, in NHS content style. Each says why it was sent and what to do if
 * the person did not ask for it. Links are built by the caller from the site's own address.
 */
import type { EmailMessage } from './mailer.ts';

const signOff = '\n\nFirst 1,001 days\n\nThis is an automatic email. Replies are not read.';

const notYou = 'If you did not ask for this, you do not need to do anything.';

/** Asks a new account holder to confirm their email address. */
export function writeVerifyEmailMessage(to: string, link: string): EmailMessage {
  return {
    to,
    subject: 'Confirm your email address',
    text: `Confirm your email address to finish setting up your account.\n\nOpen this link within 48 hours:\n${link}\n\n${notYou}${signOff}`,
  };
}

/** Sent instead of a new account when the address already has one (so sign-up never reveals who has an account). */
export function writeAccountExistsMessage(to: string, signInLink: string, resetLink: string): EmailMessage {
  return {
    to,
    subject: 'You already have an account',
    text: `Someone tried to create an account with this email address, but you already have one.\n\nSign in:\n${signInLink}\n\nIf you have forgotten your password, reset it:\n${resetLink}\n\n${notYou}${signOff}`,
  };
}

/** A password reset link. */
export function writeResetPasswordMessage(to: string, link: string): EmailMessage {
  return {
    to,
    subject: 'Reset your password',
    text: `Use this link to choose a new password. It works once and stops working after 1 hour:\n${link}\n\nWhen you reset your password, you will be signed out on every device.\n\n${notYou} Your password has not been changed.${signOff}`,
  };
}

/** Tells someone their password was changed. */
export function writePasswordChangedMessage(to: string, resetLink: string): EmailMessage {
  return {
    to,
    subject: 'Your password has been changed',
    text: `The password for your account was changed, and you were signed out on your other devices.\n\nIf you did not do this, reset your password now:\n${resetLink}${signOff}`,
  };
}

/** Asks someone to confirm a new email address for their account. */
export function writeConfirmNewEmailMessage(to: string, link: string): EmailMessage {
  return {
    to,
    subject: 'Confirm your new email address',
    text: `Open this link within 48 hours to start using this email address for your account:\n${link}\n\n${notYou}${signOff}`,
  };
}

/** Tells the old address that a change of email address was asked for. */
export function writeEmailChangeRequestedMessage(to: string, resetLink: string): EmailMessage {
  return {
    to,
    subject: 'A change to your email address was requested',
    text: `Someone asked to change the email address for your account. The change happens only when the link sent to the new address is opened.\n\nIf this was not you, reset your password now:\n${resetLink}${signOff}`,
  };
}

/** An invitation to share a child's record. The record's name is not included: the email may be read by anyone. */
export function writeInvitationMessage(to: string, link: string, roleDescription: string): EmailMessage {
  return {
    to,
    subject: 'You have been invited to share a child health record',
    text: `Someone has invited you to ${roleDescription} a record in First 1,001 days.\n\nTo accept, sign in or create an account with this email address, then open this link within 7 days:\n${link}\n\nIf you were not expecting this, you can ignore this email.${signOff}`,
  };
}
