/** Bad input to the key commands and mutations: the message says what to fix (GraphQL BAD_USER_INPUT). */
export class ApiKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiKeyError';
  }
}
