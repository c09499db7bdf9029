import { ApiError } from "@/lib/errors";
import { outputLimitField } from "@/lib/operations/chat/output-limit";
import type { ResponsesRequest, TextFormat } from "./schema";

// Responses API request → Chat Completions request (no provider here has a Responses API).
// Pure: stored items (`item_reference`) are looked up through the `resolve` callback, so the
// mapping can be tested without a database.

export type ChatToolCall = {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
};
export type ChatPart =
  | { type: "text"; text: string }
  | { type: "image_url"; image_url: { url: string; detail?: string } }
  | { type: "file"; file: { file_data: string; filename?: string } };
export type ChatMessage =
  | { role: "system" | "user"; content: string | ChatPart[] }
  | { role: "assistant"; content: string | null; tool_calls?: ChatToolCall[]; refusal?: string }
  | { role: "tool"; tool_call_id: string; content: string };

/** A stored output item, as the `resolve` callback returns it (or null when unknown). */
export type ItemResolver = (id: string) => Promise<Record<string, unknown> | null>;

type Item = Record<string, unknown>;
const isRecord = (v: unknown): v is Item => !!v && typeof v === "object" && !Array.isArray(v);
const bad = (param: string, message: string) =>
  new ApiError("invalid_request", `${param}: ${message}`, { param });

function str(v: unknown, param: string, allowEmpty = true): string {
  if (typeof v !== "string" || (!allowEmpty && !v)) throw bad(param, "须为字符串");
  return v;
}

function userPart(part: unknown, param: string): ChatPart {
  if (!isRecord(part)) throw bad(param, "内容片段须为对象");
  switch (part.type) {
    case "input_text":
    case "text":
    case "output_text":
      return { type: "text", text: str(part.text, `${param}.text`) };
    case "input_image": {
      if (typeof part.image_url !== "string" || !part.image_url)
        throw bad(`${param}.image_url`, "须提供图片 URL 或 data URL（不支持 file_id）");
      const detail = typeof part.detail === "string" ? part.detail : undefined;
      return {
        type: "image_url",
        image_url: { url: part.image_url, ...(detail ? { detail } : {}) },
      };
    }
    case "input_file":
      if (typeof part.file_data !== "string" || !part.file_data)
        throw bad(`${param}.file_data`, "须提供 file_data（不支持 file_id / file_url）");
      return {
        type: "file",
        file: {
          file_data: part.file_data,
          ...(typeof part.filename === "string" ? { filename: part.filename } : {}),
        },
      };
    default:
      throw bad(`${param}.type`, `不支持的内容类型 ${String(part.type)}`);
  }
}

/** The text of assistant (or system) content: a string, or its text/refusal parts joined. */
function joinedText(content: unknown, param: string): { text: string; refusal: string } {
  if (typeof content === "string") return { text: content, refusal: "" };
  if (!Array.isArray(content)) throw bad(param, "须为字符串或内容片段数组");
  let text = "";
  let refusal = "";
  content.forEach((p, i) => {
    if (isRecord(p) && p.type === "refusal") refusal += str(p.refusal, `${param}[${i}].refusal`);
    else if (isRecord(p) && ["output_text", "input_text", "text"].includes(String(p.type)))
      text += str(p.text, `${param}[${i}].text`);
    else throw bad(`${param}[${i}].type`, "此处只能是文本");
  });
  return { text, refusal };
}

function messageItem(item: Item, param: string): ChatMessage {
  const role = item.role;
  if (role === "user") {
    const c = item.content;
    if (typeof c === "string") return { role: "user", content: c };
    if (!Array.isArray(c)) throw bad(`${param}.content`, "须为字符串或内容片段数组");
    return { role: "user", content: c.map((p, i) => userPart(p, `${param}.content[${i}]`)) };
  }
  // Developer messages go upstream as system messages: every chat provider knows that role.
  if (role === "system" || role === "developer")
    return { role: "system", content: joinedText(item.content, `${param}.content`).text };
  if (role === "assistant") {
    const { text, refusal } = joinedText(item.content, `${param}.content`);
    return {
      role: "assistant",
      content: text || (refusal ? null : ""),
      ...(refusal ? { refusal } : {}),
    };
  }
  throw bad(`${param}.role`, "须为 user、system、developer 或 assistant");
}

function toolOutput(output: unknown, param: string): string {
  if (typeof output === "string") return output;
  if (Array.isArray(output) && output.every((p) => isRecord(p) && typeof p.text === "string"))
    return output.map((p) => (p as { text: string }).text).join("");
  if (output === undefined) throw bad(param, "不能为空");
  return JSON.stringify(output);
}

/** Appends a tool call to the assistant turn it belongs to (chat keeps them on one message). */
function pushToolCall(messages: ChatMessage[], call: ChatToolCall): void {
  const last = messages.at(-1);
  if (last?.role === "assistant") (last.tool_calls ??= []).push(call);
  else messages.push({ role: "assistant", content: null, tool_calls: [call] });
}

async function addItem(
  messages: ChatMessage[],
  item: unknown,
  param: string,
  resolve: ItemResolver,
  nested = false,
): Promise<void> {
  if (!isRecord(item)) throw bad(param, "须为对象");
  const type = item.type ?? "message";
  switch (type) {
    case "message":
      messages.push(messageItem(item, param));
      return;
    case "function_call":
      pushToolCall(messages, {
        id: str(item.call_id, `${param}.call_id`, false),
        type: "function",
        function: {
          name: str(item.name, `${param}.name`, false),
          arguments: str(item.arguments ?? "", `${param}.arguments`),
        },
      });
      return;
    case "function_call_output":
      messages.push({
        role: "tool",
        tool_call_id: str(item.call_id, `${param}.call_id`, false),
        content: toolOutput(item.output, `${param}.output`),
      });
      return;
    case "item_reference": {
      const id = str(item.id, `${param}.id`, false);
      const found = nested ? null : await resolve(id);
      if (!found) throw bad(`${param}.id`, `找不到条目 ${id}（不存在、已过期或不属于你）`);
      return addItem(messages, found, param, resolve, true);
    }
    case "reasoning":
      // Reasoning items have no Chat Completions form; the reply they led to is what counts.
      return;
    default:
      throw bad(`${param}.type`, `不支持的条目类型 ${String(type)}`);
  }
}

/** `input` (a string or items) as chat messages, in order. */
export async function inputToMessages(
  input: ResponsesRequest["input"],
  resolve: ItemResolver,
): Promise<ChatMessage[]> {
  if (input === undefined) return [];
  if (typeof input === "string") return [{ role: "user", content: input }];
  const messages: ChatMessage[] = [];
  for (const [i, item] of input.entries()) await addItem(messages, item, `input[${i}]`, resolve);
  return messages;
}

export type FunctionTool = {
  type: "function";
  name: string;
  description: string | null;
  parameters: Record<string, unknown> | null;
  strict: boolean | null;
};

/** Function tools only: hosted tools (web search, files, code…) need OpenAI's own servers. */
export function functionTools(tools: ResponsesRequest["tools"]): FunctionTool[] {
  return (tools ?? []).map((t, i) => {
    const param = `tools[${i}]`;
    if (!isRecord(t) || t.type !== "function")
      throw bad(
        `${param}.type`,
        `只支持 function 工具，不支持 ${isRecord(t) ? String(t.type) : "该条目"}`,
      );
    if (typeof t.name !== "string" || !/^[A-Za-z0-9_-]{1,128}$/.test(t.name))
      throw bad(`${param}.name`, "须为 1–128 个字母、数字、_ 或 -");
    if (t.parameters != null && !isRecord(t.parameters))
      throw bad(`${param}.parameters`, "须为 JSON Schema 对象");
    return {
      type: "function",
      name: t.name,
      description: typeof t.description === "string" ? t.description : null,
      parameters: (t.parameters as Record<string, unknown> | null | undefined) ?? null,
      strict: typeof t.strict === "boolean" ? t.strict : null,
    };
  });
}

export function chatTools(tools: FunctionTool[]): unknown[] | undefined {
  if (!tools.length) return undefined;
  return tools.map((t) => ({
    type: "function",
    function: {
      name: t.name,
      ...(t.description !== null ? { description: t.description } : {}),
      ...(t.parameters !== null ? { parameters: t.parameters } : {}),
      ...(t.strict !== null ? { strict: t.strict } : {}),
    },
  }));
}

/** tool_choice in both wire formats: the Responses value (echoed back) and the chat one. */
export function toolChoice(raw: unknown): { echo: unknown; chat: unknown } | null {
  if (raw === undefined || raw === null) return null;
  if (raw === "auto" || raw === "none" || raw === "required") return { echo: raw, chat: raw };
  if (isRecord(raw) && raw.type === "function" && typeof raw.name === "string")
    return { echo: raw, chat: { type: "function", function: { name: raw.name } } };
  if (isRecord(raw) && raw.type === "allowed_tools" && Array.isArray(raw.tools)) {
    const names = raw.tools.map((t, i) => {
      if (!isRecord(t) || t.type !== "function" || typeof t.name !== "string")
        throw bad(`tool_choice.tools[${i}]`, '只支持 {type: "function", name}');
      return t.name;
    });
    const mode = raw.mode === "required" ? "required" : "auto";
    return {
      echo: raw,
      chat: {
        type: "allowed_tools",
        allowed_tools: {
          mode,
          tools: names.map((name) => ({ type: "function", function: { name } })),
        },
      },
    };
  }
  throw bad("tool_choice", '须为 auto、none、required、{type: "function", name} 或 allowed_tools');
}

export function chatResponseFormat(format: TextFormat | null | undefined): unknown {
  if (!format || format.type === "text") return undefined;
  if (format.type === "json_object") return { type: "json_object" };
  const f = format as Extract<TextFormat, { type: "json_schema" }>;
  return {
    type: "json_schema",
    json_schema: {
      name: f.name ?? "response",
      schema: f.schema,
      ...(f.description ? { description: f.description } : {}),
      ...(typeof f.strict === "boolean" ? { strict: f.strict } : {}),
    },
  };
}

/** The Chat Completions request for the provider. */
export function chatParams(input: {
  body: ResponsesRequest;
  upstreamModel: string;
  messages: ChatMessage[];
  tools: FunctionTool[];
  toolChoice: { chat: unknown } | null;
}): Record<string, unknown> {
  const { body } = input;
  const params: Record<string, unknown> = { model: input.upstreamModel, messages: input.messages };
  if (body.max_output_tokens != null)
    params[outputLimitField(input.upstreamModel)] = body.max_output_tokens;
  for (const key of [
    "temperature",
    "top_p",
    "parallel_tool_calls",
    "user",
    "safety_identifier",
    "prompt_cache_key",
    "service_tier",
  ] as const)
    if (body[key] != null) params[key] = body[key];
  const tools = chatTools(input.tools);
  if (tools) params.tools = tools;
  if (input.toolChoice) params.tool_choice = input.toolChoice.chat;
  const format = chatResponseFormat(body.text?.format);
  if (format) params.response_format = format;
  if (body.text?.verbosity) params.verbosity = body.text.verbosity;
  if (body.reasoning?.effort) params.reasoning_effort = body.reasoning.effort;
  if (body.top_logprobs || body.include?.includes("message.output_text.logprobs")) {
    params.logprobs = true;
    if (body.top_logprobs) params.top_logprobs = body.top_logprobs;
  }
  if (body.stream) {
    params.stream = true;
    params.stream_options = { include_usage: true };
  }
  return params;
}
