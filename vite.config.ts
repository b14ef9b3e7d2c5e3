import { defineConfig } from 'vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'

const SERVER = 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [svelte()],
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    // maplibre-gl and deck.gl are large by nature; the wall loads once and runs for days.
    chunkSizeWarningLimit: 3_000,
  },
  server: {
    proxy: {
      '/api': SERVER,
      '/open311': SERVER,
      '/socket.io': { target: SERVER, ws: true },
    },
  },
})
