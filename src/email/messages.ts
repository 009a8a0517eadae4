/**
 * The emails the portal sends, in NHS content style. Each says why it was sent and what to do if
 * the person did not ask for it. Links are built by the caller from the site's own address.
 */
import { isoDateToLongText, type IsoDate } from '../dates/index.ts';
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

/** The shape of a "This week" card the weekly email needs (src/timeline/card.ts builds it). */
interface WeeklyCard {
  readonly recordId: string;
  readonly where: string;
  readonly stage: { readonly title: string; readonly href: string } | null;
  readonly guidance: readonly { readonly title: string; readonly href: string }[];
  readonly due: readonly { readonly name: string; readonly status: 'overdue' | 'due' | 'coming up'; readonly from: string; readonly nextStep: string | null }[];
  readonly next: { readonly title: string; readonly href: string } | null;
}

/**
 * The weekly email about one child (named) or pregnancy (name null): what the signed-in home shows this
 * week. The subject names no one, so nothing personal shows on a locked phone.
 */
export function writeWeeklyDigestMessage(to: string, childName: string | null, card: WeeklyCard, siteUrl: string): EmailMessage {
  const link = (href: string) => `${siteUrl}${href}`;
  const statusWords = { overdue: 'Overdue', due: 'Due now', 'coming up': 'Coming up' } as const;
  const lines: string[] = [`This week: ${childName ? `${childName} is` : 'you are'} ${card.where}.`];
  if (card.stage) lines.push('', `${card.stage.title}:`, link(card.stage.href));
  if (card.due.length > 0) {
    lines.push('', 'Vaccines and reviews:');
    for (const item of card.due) lines.push(`- ${statusWords[item.status]}: ${item.name}${item.status === 'coming up' ? `, from ${isoDateToLongText(item.from as IsoDate)}` : ''}.${item.nextStep ? ` ${item.nextStep}.` : ''}`);
  }
  if (card.guidance.length > 0) {
    lines.push('', 'Guidance for now:');
    for (const guide of card.guidance) lines.push(`- ${guide.title}: ${link(guide.href)}`);
  }
  if (card.next) lines.push('', `Coming up next: ${card.next.title}`, link(card.next.href));
  lines.push('', 'See everything in your record:', link('/record'), '', `To stop these emails, open this link and untick the weekly email:\n${link(`/record/${card.recordId}/reminders`)}`);
  return { to, subject: 'Your weekly update from First 1,001 days', text: `${lines.join('\n')}${signOff}` };
}
