print("llmops")
