import { z } from "zod";

// The one list of what the platform can be asked to do. An operation's id is also the model
// capability that allows it, the ledger row's `reason`, the usage row's `operation` and the
// metrics label, so every layer (routes, pricing, admin forms, the creator's labels) reads it
// from here instead of spelling the list again. Pure data: safe in client components.
//
// mode: how an answer comes back — `stream` (SSE or JSON), `sync` (one JSON answer, recorded
// when it finishes), `task` (a durable task row polled to completion).

export type OperationMode = "sync" | "stream" | "task";

export type OperationInfo = {
  /** What users read (creator summary, ledger, admin). */
  label: string;
  /** The admin capability label (a noun phrase). */
  capabilityLabel: string;
  mode: OperationMode;
  /** Kept in a user's generation history (`/api/tasks`); chat is not. */
  isGeneration: boolean;
};

export const OPERATIONS = {
  // The Responses API (/v1/responses) is chat under another wire format: it needs the `chat`
  // capability and its ledger rows, usage rows and metrics say `chat` (the ledger meta says
  // `api: "responses"`), so one price and one limit cover both ways of asking.
  chat: { label: "对话", capabilityLabel: "对话", mode: "stream", isGeneration: false },
  "image.generate": {
    label: "生成图片",
    capabilityLabel: "图像生成",
    mode: "sync",
    isGeneration: true,
  },
  "image.edit": {
    label: "编辑图片",
    capabilityLabel: "图像编辑",
    mode: "sync",
    isGeneration: true,
  },
  // Vectors and speech are answered in one response and not stored by the app, so they are not
  // part of a user's generation history.
  embedding: {
    label: "向量嵌入",
    capabilityLabel: "向量嵌入",
    mode: "sync",
    isGeneration: false,
  },
  "audio.speech": {
    label: "语音合成",
    capabilityLabel: "语音合成",
    mode: "sync",
    isGeneration: false,
  },
  "video.generate": {
    label: "生成视频",
    capabilityLabel: "视频生成",
    mode: "task",
    isGeneration: true,
  },
  // Image tools: one picture in, one picture out, at an exact size known before the call (so the
  // price is too). Their mode is the provider's: the built-in mock and Stability's synchronous
  // endpoints answer at once, job APIs (Replicate, Stability's async endpoints) run as tasks.
  "image.upscale": {
    label: "放大图片",
    capabilityLabel: "图片放大",
    mode: "sync",
    isGeneration: true,
  },
  "image.outpaint": {
    label: "扩展画面",
    capabilityLabel: "扩图（外延绘制）",
    mode: "sync",
    isGeneration: true,
  },
  "image.background": {
    label: "处理背景",
    capabilityLabel: "背景移除/替换",
    mode: "sync",
    isGeneration: true,
  },
} as const satisfies Record<string, OperationInfo>;

export type Operation = keyof typeof OPERATIONS;
/** A model capability is the name of an operation it may serve. */
export type Capability = Operation;

export const CAPABILITIES = Object.keys(OPERATIONS) as [Operation, ...Operation[]];
export const capabilitySchema = z.enum(CAPABILITIES);

export const isOperation = (value: string): value is Operation => value in OPERATIONS;

/** The label of an operation id, or the id itself when it is not one (old rows). */
export const operationLabel = (id: string): string => (isOperation(id) ? OPERATIONS[id].label : id);

/** The image tools (one picture in, one out): /v1/images/upscale|outpaint|background. */
export const TOOL_OPERATIONS = [
  "image.upscale",
  "image.outpaint",
  "image.background",
] as const satisfies readonly Operation[];
export type ToolOperation = (typeof TOOL_OPERATIONS)[number];

export const isToolOperation = (value: string): value is ToolOperation =>
  (TOOL_OPERATIONS as readonly string[]).includes(value);
