import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  // `npm run dev -w web`: the API (npm start) answers GraphQL and sign-in on port 3000.
  server: { proxy: { '/graphql': 'http://localhost:3000', '/auth': 'http://localhost:3000', '/readyz': 'http://localhost:3000' } },
});
