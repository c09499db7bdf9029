import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

// Outgoing mail through SMTP_URL (nodemailer). Without it nothing is sent: callers decide what
// to do instead (the verification link goes to the log in development).

export type Mail = { to: string; subject: string; text: string; html?: string };

export const mailConfigured = (): boolean => Boolean(env.SMTP_URL);

const g = globalThis as unknown as { __aigcMailer?: Transporter };

function transporter(): Transporter {
  g.__aigcMailer ??= nodemailer.createTransport(env.SMTP_URL!, { from: env.MAIL_FROM });
  return g.__aigcMailer;
}

export async function sendMail(mail: Mail): Promise<void> {
  if (!mailConfigured()) throw new Error("SMTP_URL is not configured");
  await transporter().sendMail({ from: env.MAIL_FROM, ...mail });
}
