import { z } from "zod";

// RFC 5321 caps a forward path at 256 octets, so an address has at most 254 characters; the cap
// also runs before the format check, so a megabyte of "email" costs nothing to refuse.
export const EMAIL_MAX_CHARS = 254;

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(EMAIL_MAX_CHARS, { message: `邮箱最长 ${EMAIL_MAX_CHARS} 个字符`, abort: true })
  .email("邮箱格式不正确");

export const registerSchema = z.object({
  email,
  password: z.string().min(8, "密码至少 8 位").max(200, "密码过长"),
  name: z.string().trim().max(50, "昵称最多 50 个字符").optional(),
});
export const credentialsSchema = z.object({
  email,
  password: z.string().min(1, "请输入密码").max(200),
});
export type RegisterInput = z.infer<typeof registerSchema>;
