import { z } from "zod";

export const registerSchema = z.object({
  email: z.string().trim().toLowerCase().email("邮箱格式不正确"),
  password: z.string().min(8, "密码至少 8 位").max(200, "密码过长"),
  name: z.string().trim().max(50, "昵称最多 50 个字符").optional(),
});
export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email("邮箱格式不正确"),
  password: z.string().min(1, "请输入密码").max(200),
});
export type RegisterInput = z.infer<typeof registerSchema>;
