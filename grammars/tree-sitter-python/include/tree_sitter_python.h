#ifndef TREE_SITTER_PYTHON_H_
#define TREE_SITTER_PYTHON_H_

// The grammar's entry point, compiled from the fetched src/parser.c.
// TSLanguage stays incomplete here; Swift sees the result as an OpaquePointer.
typedef struct TSLanguage TSLanguage;

#ifdef __cplusplus
extern "C" {
#endif

const TSLanguage *tree_sitter_python(void);

#ifdef __cplusplus
}
#endif

#endif
