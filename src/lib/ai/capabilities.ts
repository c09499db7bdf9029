import { z } from "zod";

// What a model can be asked to do; an API operation name equals its capability name.
export const CAPABILITIES = ["chat", "image.generate", "image.edit"] as const;
export const capabilitySchema = z.enum(CAPABILITIES);
export type Capability = z.infer<typeof capabilitySchema>;
export type Operation = Capability;
