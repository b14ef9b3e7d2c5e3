export type WorkerRequest =
  | { id: number; op: 'query'; text: string; values: readonly unknown[]; tx?: number }
  | { id: number; op: 'begin' }
  | { id: number; op: 'commit' | 'rollback'; tx: number }
  | { id: number; op: 'close' }

export type WorkerReply =
  | { id: number; ok: true; rows: unknown[]; rowCount: number }
  | { id: number; ok: false; error: { message: string; code?: string; detail?: string; constraint?: string } }
