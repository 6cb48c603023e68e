// Client entry of the Vite-served sample: renders `app/page.tsx` as Next would.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import Page from './page'
import './styles.css'

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Page />
    </StrictMode>,
  )
}
