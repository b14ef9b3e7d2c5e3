/** The one error type the HTTP layer maps to a response; `field` names the input at fault. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const badRequest = (field: string, message: string) => new AppError(400, 'bad_request', message, field)
export const notFound = (message: string) => new AppError(404, 'not_found', message)
